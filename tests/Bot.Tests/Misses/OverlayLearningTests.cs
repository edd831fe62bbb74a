using GridService.Bot.Knowledge;
using GridService.Bot.Misses.Overlay;
using Microsoft.Extensions.DependencyInjection;

namespace GridService.Bot.Tests.Misses;

/// <summary>
/// What the console's reviewers approve reaches the engine without a restart: a new topic is answered in the group
/// once approved, a phrasing added to a topic moves its question there, and a bad overlay topic is left out alone.
/// </summary>
public sealed class OverlayLearningTests : IAsyncLifetime
{
    private const string Answer = "小区电动车充电棚由物业管理，每天6:00至22:00开放。充电插座没电请联系片区经理{{manager_name}}。";

    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ApprovedNewTopic_AnsweredInTheGroupWithoutARestart()
    {
        var engine = _host.Services.GetRequiredService<DecisionEngine>();
        Assert.DoesNotContain("充电棚", engine.Decide("电动车充电棚几点开门").Reply ?? "", StringComparison.Ordinal);

        await ApproveAsync(ProposalKind.NewTopic, null, "电动车充电棚开放时间", Answer,
            ["充电棚几点开门", "电动车充电棚晚上开吗", "车棚充电几点关门", "充电棚开放时间是几点到几点", "充电车棚周末开不开"]);
        await _host.SayAsync("grp-xingfuli", "u-xfl-002", "@小电 电动车充电棚几点开门", "ov-1");
        var reply = await _host.WaitForAsync("grp-xingfuli", l => l.Direction == "out" && l.ReplyTo == "ov-1");

        Assert.Equal("answer", reply.Kind);
        Assert.Contains("每天6:00至22:00开放", reply.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", reply.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApprovedPhrasing_MovesItsQuestionToTheTopic()
    {
        var engine = _host.Services.GetRequiredService<DecisionEngine>();
        const string Question = "电费能不能让别人代付";
        var phrasings = new[] { "电费可以让亲戚代付吗", "别人能帮我付电费不", "电费找人代付行吗", "朋友替我付电费可以吗", "电费能叫别人帮忙付吗", "让家人代付电费可以不" };
        Assert.NotEqual("answer:billing.pay-channels", engine.Decide(Question).Label);

        await ApproveAsync(ProposalKind.Phrasing, "billing.pay-channels", null, null, phrasings);

        Assert.Equal("answer:billing.pay-channels", engine.Decide(Question).Label);
    }

    [Fact]
    public void Apply_TopicWithAnUnknownPlaceholder_LeftOutAndTheRestApplied()
    {
        var learning = _host.Services.GetRequiredService<OverlayLearning>();
        var engine = _host.Services.GetRequiredService<DecisionEngine>();
        var good = new OverlayTopic("local.shed", "充电棚", Answer, ["充电棚几点开门", "电动车充电棚晚上开吗", "充电棚开放时间"]);
        var bad = new OverlayTopic("local.typo", "错字", "请联系{{manger_name}}", ["营业厅停车场收费吗", "营业厅门口能停车吗"]);

        learning.Apply(new KnowledgeOverlaySnapshot(99, new Dictionary<string, IReadOnlyList<string>>(), [bad, good]));

        Assert.Equal(99, learning.AppliedVersion);
        Assert.NotNull(engine.KnowledgeBase.Find("local.shed"));
        Assert.Null(engine.KnowledgeBase.Find("local.typo"));
    }

    private async Task ApproveAsync(ProposalKind kind, string? topic, string? title, string? answer, IReadOnlyList<string> phrasings)
    {
        var proposals = _host.Services.GetRequiredService<OverlayProposals>();
        var learning = _host.Services.GetRequiredService<OverlayLearning>();
        var proposal = await proposals.ProposeAsync(kind, topic, title, answer, phrasings, "A01", "wangjianhua");
        await proposals.ReviewAsync(proposal.Id, approve: true, "fuwuzhongxin", null);
        var version = await proposals.VersionAsync();

        // The approval travels by pub/sub to the overlay, which retrains the engine in the background.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (learning.AppliedVersion < version) await Task.Delay(20, timeout.Token);
    }
}
