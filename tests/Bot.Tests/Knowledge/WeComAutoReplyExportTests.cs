using GridService.Bot.Knowledge;
using GridService.Bot.Knowledge.Cli;

namespace GridService.Bot.Tests.Knowledge;

/// <summary><c>kb export --wecom-autoreply</c> over the shipped knowledge base.</summary>
public sealed class WeComAutoReplyExportTests
{
    private static readonly KnowledgeBase Kb = KnowledgeBase.Load(KnowledgeBase.FindDirectory(), new KnowledgeOptions());

    [Fact]
    public void Render_ShippedKnowledge_RulesWithOwnKeywordsAndFinishedAnswers()
    {
        var text = WeComAutoReplyExport.Render(Kb, AnswerContext.None, top: 15, TimeProvider.System);

        var rules = text.Split("\n## ").Skip(1).Where(r => !r.StartsWith("没有导出", StringComparison.Ordinal)).ToList();
        Assert.InRange(rules.Count, 10, 15);
        Assert.DoesNotContain("{{", text, StringComparison.Ordinal); // local facts filled in
        var keywordLines = rules.Select(r => r.Split('\n').First(l => l.StartsWith("- 关键词：", StringComparison.Ordinal))[6..]).ToList();
        var all = keywordLines.SelectMany(l => l.Split(',')).ToList();
        Assert.Equal(all.Count, all.Distinct(StringComparer.Ordinal).Count()); // no keyword fires two rules
        Assert.All(keywordLines, l => Assert.InRange(l.Split(',').Length, 1, 5));
        Assert.Contains(rules, r => r.Contains("交电费", StringComparison.Ordinal) && r.Contains("网上国网", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_AnswersNeedingLiveOrPersonalData_ListedAsLeftOut()
    {
        var text = WeComAutoReplyExport.Render(Kb, AnswerContext.None, top: 100, TimeProvider.System);

        var leftOut = text[text.IndexOf("## 没有导出的问题", StringComparison.Ordinal)..];
        Assert.Contains("billing.balance-query", leftOut, StringComparison.Ordinal);
        Assert.DoesNotContain("billing.balance-query", text[..text.IndexOf("## 没有导出的问题", StringComparison.Ordinal)], StringComparison.Ordinal);
    }
}
