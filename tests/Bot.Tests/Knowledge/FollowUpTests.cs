using GridService.Bot.Knowledge;

namespace GridService.Bot.Tests.Knowledge;

/// <summary>Three-turn conversations at the engine: each turn passes the previous decision's label and basis on.</summary>
[Collection(KnowledgeCollection.Name)]
public sealed class FollowUpTests(KnowledgeFixture fixture)
{
    [Theory]
    [InlineData("过户需要带哪些证件", "那去哪里办", "大概几天能办好", "answer:business.transfer")]
    [InlineData("阶梯电价是怎么分档的", "第三档呢", "超过以后每度贵多少", "answer:billing.tiered-pricing")]
    [InlineData("充电桩报装要准备什么材料", "要多久", "在网上能办吗", "answer:business.ev-charger")]
    public void Decide_ThreeTurnConversation_FollowUpsKeepTheTopic(string first, string second, string third, string topic)
    {
        var turns = Converse(first, second, third);

        Assert.All(turns, d => Assert.Equal(topic, d.Label));
    }

    [Fact]
    public void Decide_FollowUpTheModelCannotPlaceAlone_ReadWithPreviousTurn()
    {
        var turns = Converse("过户需要带哪些证件", "那去哪里办");

        Assert.Equal("model:follow-up", turns[1].Reason);
        Assert.Contains("过户", turns[1].Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_ShortFollowUpWithoutPreviousTurn_NotAnsweredAsIfItHadOne()
    {
        var alone = fixture.Engine.Decide("那去哪里办");

        Assert.NotEqual("answer:business.transfer", alone.Label);
    }

    [Fact]
    public void Decide_NewQuestionAfterAnswer_KeepsItsOwnTopic()
    {
        var turns = Converse("过户需要带哪些证件", "那电费怎么交", "谢谢");

        Assert.Equal("answer:business.transfer", turns[0].Label);
        Assert.Equal("answer:billing.pay-channels", turns[1].Label);
        Assert.Equal(Decision.None, turns[2].Label);
        Assert.Contains("不客气", turns[2].Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_HazardAfterAnswer_DecidedOnItsOwnWords()
    {
        var turns = Converse("阶梯电价是怎么分档的", "第三档呢", "楼下电线冒火花了");

        Assert.Equal(Decision.Repair, turns[2].Label);
        Assert.StartsWith("safety:", turns[2].Reason, StringComparison.Ordinal);
    }

    private List<Decision> Converse(params string[] messages)
    {
        var decisions = new List<Decision>();
        PreviousTurn? previous = null;
        foreach (var text in messages)
        {
            var d = fixture.Engine.Decide(text, AnswerContext.None, previous);
            decisions.Add(d);
            previous = new PreviousTurn(d.Label, d.Basis!);
        }

        return decisions;
    }
}
