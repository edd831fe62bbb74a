using GridService.Bot.Knowledge;
using GridService.Core.Domain;
using Microsoft.Extensions.Time.Testing;

namespace GridService.Bot.Tests.Knowledge;

/// <summary>Outage answers checked against the area's notices: the day and the place a question names.</summary>
[Collection(KnowledgeCollection.Name)]
public sealed class LiveOutageTests(KnowledgeFixture fixture)
{
    // 2026-12-18 10:00 in Shanghai.
    private static readonly DateTimeOffset Now = new(2026, 12, 18, 2, 0, 0, TimeSpan.Zero);

    private static readonly OutageNotice Planned = new("n-plan", OutageKind.Planned, ["A02"], "10kV柳林线柳林村四组至六组",
        new DateTimeOffset(2026, 12, 20, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 20, 4, 0, 0, TimeSpan.Zero), "线路检修");

    private static readonly OutageNotice Fault = new("n-fault", OutageKind.Fault, ["A02"], "柳林村四组",
        Now.AddHours(-1), Now.AddHours(4), "线路故障抢修");

    private readonly DecisionEngine _engine = new(fixture.Kb, new FakeTimeProvider(Now));

    private static AnswerContext Context(params OutageNotice[] notices) =>
        new(AreaId: "A02", AreaName: "柳林村", Outages: notices, TimeZone: "Asia/Shanghai");

    [Fact]
    public void Decide_DateWithNotice_AnswersWithThatDaysNotice()
    {
        var d = _engine.Decide("12月20号我们这停电吗", Context(Planned, Fault));

        Assert.Equal("answer:outage.planned-query", d.Label);
        Assert.Contains("12月20日", d.Reply, StringComparison.Ordinal);
        Assert.Contains("四组至六组", d.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_DateWithoutNotice_SaysNoneKnownForThatDay()
    {
        var d = _engine.Decide("12月22号会停电吗", Context(Planned));

        Assert.Equal("answer:outage.planned-query", d.Label);
        Assert.Contains("没有查到柳林村12月22日的停电通知", d.Reply, StringComparison.Ordinal);
        Assert.DoesNotContain("四组至六组", d.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_OutageReportedWhereNoActiveNoticeCovers_EscalatesRepair()
    {
        var d = _engine.Decide("我们三组停电了 一点电都没有", Context(Fault));

        Assert.Equal(Decision.Repair, d.Label);
        Assert.Equal("outage:area-wide-report", d.Reason);
        Assert.True(d.Because?.Contains("三组", StringComparison.Ordinal), $"because: {d.Because}");
    }

    [Fact]
    public void Decide_OutageWhereActiveNoticeCovers_AnswersWithTheNotice()
    {
        var d = _engine.Decide("四组为什么停电了 什么时候来电", Context(Fault, Planned));

        Assert.Equal("answer:outage.current-status", d.Label);
        Assert.Contains("线路故障抢修", d.Reply, StringComparison.Ordinal);
        Assert.Contains("12月18日 14:00", d.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Decide_NoLiveContext_NoticeChecksNotApplied()
    {
        var d = _engine.Decide("我们三组停电了 一点电都没有");

        Assert.Null(d.Because);
    }
}
