using GridService.Bot.Knowledge;

namespace GridService.Bot.Tests.Knowledge;

public sealed class KnowledgeLoaderTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("kb-test-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Load_MissingField_NamesFileAndLine()
    {
        string file = Write("a.yaml", """
            - id: billing.pay-channels
              title: 交费
              answer: 去营业厅
              keywords: [交费]
              examples: [怎么交电费]

            - id: billing.late-fee
              title: 违约金
              keywords: [违约金]
              examples: [违约金多少]
            """);

        var ex = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBase.Load(_dir, new KnowledgeOptions()));

        Assert.Equal(file, ex.File);
        Assert.Equal(7, ex.Line);
        Assert.Contains("'answer'", ex.Message, StringComparison.Ordinal);
        Assert.StartsWith(file + ":7:", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownPlaceholder_NamesLineOfPlaceholder()
    {
        string file = Write("b.yaml", """
            - id: billing.late-fee
              title: 违约金
              answer: |
                违约金按规定收取。
                每天{{late_fe_rate}}。
              keywords: [违约金]
              examples: [违约金多少]
            """);

        var ex = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBase.Load(_dir, new KnowledgeOptions()));

        Assert.Equal(file, ex.File);
        Assert.Equal(5, ex.Line);
        Assert.Contains("late_fe_rate", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_DuplicateId_NamesSecondAndFirstLocation()
    {
        string first = Write("a.yaml", Entry("billing.invoice"));
        string second = Write("b.yaml", "# comment\n" + Entry("billing.invoice"));

        var ex = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBase.Load(_dir, new KnowledgeOptions()));

        Assert.Equal(second, ex.File);
        Assert.Equal(2, ex.Line);
        Assert.Contains(first + ":1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_TopicWithoutEntry_NamesMissingTopics()
    {
        Write("a.yaml", Entry("billing.invoice"));

        var ex = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBase.Load(_dir, new KnowledgeOptions()));

        Assert.Contains("billing.pay-channels", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("billing.invoice,", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_UnknownTopicId_NamesLine()
    {
        string file = Write("a.yaml", "\n" + Entry("billing.made-up"));

        var ex = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBase.Load(_dir, new KnowledgeOptions()));

        Assert.Equal(file, ex.File);
        Assert.Equal(2, ex.Line);
    }

    [Fact]
    public void Load_YamlSyntaxError_NamesFileAndLine()
    {
        string file = Write("a.yaml", "- id: billing.invoice\n  title: [unclosed\n  answer: x\n");

        var ex = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBase.Load(_dir, new KnowledgeOptions()));

        Assert.Equal(file, ex.File);
        Assert.True(ex.Line >= 2, ex.Message);
    }

    [Fact]
    public void Load_EveryTopicPresent_Loads()
    {
        Write("all.yaml", string.Join('\n', FaqTopics.All.Select(Entry)));

        var kb = KnowledgeBase.Load(_dir, new KnowledgeOptions());

        Assert.Equal(FaqTopics.All.Count, kb.Entries.Count);
    }

    [Fact]
    public void Load_OutOfScopeClassWithBadLabel_NamesLine()
    {
        string file = Write("oos.yaml", """
            - id: out-of-scope.jobs
              title: 招聘
              label: answer:billing.invoice
              examples: [招人吗]
            """);

        var ex = Assert.Throws<KnowledgeBaseException>(() => KnowledgeBase.Load(_dir, new KnowledgeOptions()));

        Assert.Equal(file, ex.File);
        Assert.Equal(3, ex.Line);
    }

    private static string Entry(string id) => $$$"""
        - id: {{{id}}}
          title: 标题
          answer: 回答{{late_fee_rate}}
          keywords:
            关键词: 2
          examples: [例子一, 例子二]

        """;

    private string Write(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
