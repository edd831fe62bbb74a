using System.Text.Json;
using GridService.Bot.Knowledge;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Tests.Knowledge;

[Collection(KnowledgeCollection.Name)]
public sealed class CommandTests(KnowledgeFixture fixture) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("eval-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void EvalRun_BadLine_ReportsLineNumberAndContinues()
    {
        string file = Path.Combine(_dir, "set.jsonl");
        File.WriteAllLines(file,
        [
            """{"id":"x1","q":"电费怎么交","expect":"answer:billing.pay-channels"}""",
            """{"id":"x2","q":broken""",
            """{"id":"x3","q":"谢谢","expect":"none"}""",
        ]);
        var output = new StringWriter();

        int code = EvalCommand.Run(file, Path.Combine(_dir, "out.jsonl"), fixture.Engine, output);

        var lines = output.ToString().TrimEnd().Split('\n');
        Assert.Equal(0, code);
        Assert.Contains(lines, l => l.Contains("set.jsonl:2", StringComparison.Ordinal));
        Assert.Equal("accuracy: 2/2", lines[^1].TrimEnd('\r'));
        var written = File.ReadAllLines(Path.Combine(_dir, "out.jsonl"));
        Assert.Equal(2, written.Length);
        using var first = JsonDocument.Parse(written[0]);
        Assert.Equal("answer:billing.pay-channels", first.RootElement.GetProperty("decision").GetString());
        Assert.True(first.RootElement.TryGetProperty("confidence", out _));
    }

    [Fact]
    public void EvalRun_Miss_ListedWithExpectedAndGot()
    {
        string file = Path.Combine(_dir, "miss.jsonl");
        File.WriteAllText(file, """{"id":"m1","q":"谢谢","expect":"answer:billing.invoice"}""" + "\n");
        var output = new StringWriter();

        EvalCommand.Run(file, null, fixture.Engine, output);

        string text = output.ToString();
        Assert.Contains("m1  expected answer:billing.invoice  got none", text, StringComparison.Ordinal);
        Assert.EndsWith("accuracy: 0/1", text.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public void AskFormat_Json_HasDecisionConfidenceReplyTopic()
    {
        var json = AskCommand.Format(new Decision("answer:billing.pay-channels", "billing.pay-channels", 0.93, "去营业厅"), json: true);

        Assert.Equal("""{"decision":"answer:billing.pay-channels","confidence":0.93,"reply":"去营业厅","topic":"billing.pay-channels"}""", json);
    }

    [Fact]
    public void AskFormat_NoneJson_NullReplyAndTopic()
    {
        var json = AskCommand.Format(new Decision(Decision.None, null, 0.9, null), json: true);

        Assert.Equal("""{"decision":"none","confidence":0.9,"reply":null,"topic":null}""", json);
    }

    [Fact]
    public void AddKnowledge_UnknownLocalFact_StopsStartUp()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Knowledge:LocalFacts:late_fe_rate"] = "1‰",
            ["Knowledge:Areas:A01:tier_thresholds"] = "",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddKnowledge(config).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KnowledgeOptions>>().Value);

        Assert.Contains(ex.Failures, f => f.Contains("late_fe_rate", StringComparison.Ordinal));
        Assert.Contains(ex.Failures, f => f.Contains("Knowledge:Areas:A01:tier_thresholds is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void AddKnowledge_DefaultConfiguration_ResolvesEngine()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Knowledge:Directory"] = RepoPaths.KnowledgeDirectory,
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddKnowledge(config).BuildServiceProvider();

        var engine = provider.GetRequiredService<DecisionEngine>();

        Assert.Equal("answer:billing.invoice", engine.Decide("电费发票怎么开").Label);
    }

    [Fact]
    public void SyntheticEntries_GrownKnowledgeBase_DecidesRealTopics()
    {
        var grown = KnowledgeBase.FromEntries(fixture.Kb.Entries.Concat(SyntheticEntries.Create(200)), fixture.Options);

        Assert.Equal(fixture.Kb.Entries.Count + 200, grown.Entries.Count);
        Assert.Equal("answer:billing.invoice", new DecisionEngine(grown).Decide("电费发票怎么开").Label);
    }
}
