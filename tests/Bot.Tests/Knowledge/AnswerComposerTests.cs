using GridService.Bot.Knowledge;
using GridService.Core.Domain;
using Microsoft.Extensions.Time.Testing;

namespace GridService.Bot.Tests.Knowledge;

[Collection(KnowledgeCollection.Name)]
public sealed class AnswerComposerTests(KnowledgeFixture fixture)
{
    // 2025-11-24 10:00 in Shanghai.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 11, 24, 2, 0, 0, TimeSpan.Zero));

    private static readonly Customer Bound = new("3100123456", "张三", "13812345678", "幸福小区3栋", "A01", "G01", "u-zhang",
        "10kV幸福线", "幸福1号台区", Segment.Resident, CreditRating.A, "wecom");

    private static readonly Bill Current = new("3100123456", "2025-10", 215.40m, 100m, new DateOnly(2025, 11, 1), new DateOnly(2025, 11, 30));

    private AnswerComposer Composer => new(fixture.Options, _time);

    private KnowledgeEntry Entry(string id) => fixture.Kb.Find(id)!;

    [Fact]
    public void Compose_BalanceInGroupForBoundCustomer_ShowsNoNumbers()
    {
        var reply = Composer.Compose(Entry("billing.balance-query"), new AnswerContext(Customer: Bound, Bill: Current));

        Assert.Equal(AnswerComposer.BalanceSentPrivately, reply);
        Assert.DoesNotContain("115", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_BalanceInGroupUnbound_ExplainsHowToCheckAndBind()
    {
        var reply = Composer.Compose(Entry("billing.balance-query"), AnswerContext.None);

        Assert.Contains("网上国网", reply, StringComparison.Ordinal);
        Assert.Contains("95598", reply, StringComparison.Ordinal);
        Assert.Contains("绑定", reply, StringComparison.Ordinal);
        Assert.DoesNotMatch("[0-9]+\\.[0-9]{2}元", reply);
    }

    [Fact]
    public void Compose_BalanceInPrivate_ShowsOutstandingWithMaskedAccount()
    {
        var reply = Composer.Compose(Entry("billing.balance-query"), new AnswerContext(IsPrivate: true, Customer: Bound, Bill: Current));

        Assert.Contains("115.40", reply, StringComparison.Ordinal);
        Assert.Contains("****3456", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("3100123456", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_BalanceInPrivateWithSeveralUnpaidBills_ListsEachWithItsDueDateAndLateFee()
    {
        Bill september = new("3100123456", "2025-09", 193.89m, 0m, new DateOnly(2025, 10, 1), new DateOnly(2025, 10, 15));
        Bill october = new("3100123456", "2025-10", 130.49m, 0m, new DateOnly(2025, 11, 1), new DateOnly(2025, 11, 30));
        var context = new AnswerContext(IsPrivate: true, Customer: Bound, Bill: october,
            Unpaid: [new UnpaidBill(september, 40, 7.76m), new UnpaidBill(october, 0, 0m)]);

        var reply = Composer.Compose(Entry("billing.balance-query"), context);

        Assert.Contains("2笔电费没交，共324.38元，另有违约金7.76元（截至今天）", reply, StringComparison.Ordinal);
        Assert.Contains("2025年9月电费193.89元，缴费截止10月15日，已逾期40天，违约金已产生7.76元", reply, StringComparison.Ordinal);
        Assert.Contains("2025年10月电费130.49元，缴费截止11月30日", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("没有查到", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("3100123456", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_BalanceInPrivateAllPaid_SaysNothingIsOwed()
    {
        var reply = Composer.Compose(Entry("billing.balance-query"), new AnswerContext(IsPrivate: true, Customer: Bound, Bill: Current, Unpaid: []));

        Assert.Contains("目前没有欠费", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_PlannedQuery_ListsUpcomingInAreaTimeAndSkipsExpiredAndCancelled()
    {
        var outages = new List<OutageNotice>
        {
            new("N1", OutageKind.Planned, ["A01"], "幸福小区1-3栋", At(11, 25, 0), At(11, 25, 4), "线路检修"),
            new("N0", OutageKind.Planned, ["A01"], "幸福小区5栋", At(11, 20, 0), At(11, 20, 4), "旧的检修"),
            new("N2", OutageKind.Planned, ["A01"], "幸福小区8栋", At(11, 26, 0), At(11, 26, 4), "已取消", Cancelled: true),
        };

        var reply = Composer.Compose(Entry("outage.planned-query"), new AnswerContext("A01", "幸福小区", Outages: outages));

        Assert.Contains("11月25日 08:00-12:00，幸福小区1-3栋，线路检修", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("旧的检修", reply, StringComparison.Ordinal);
        Assert.DoesNotContain("已取消", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_PlannedQueryNoneKnown_SaysSo()
    {
        var reply = Composer.Compose(Entry("outage.planned-query"), new AnswerContext("A01", "幸福小区", Outages: []));

        Assert.Contains("没有查到幸福小区近期的计划停电通知", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_CurrentStatus_ShowsActiveOutageWithRestoration()
    {
        var outages = new List<OutageNotice>
        {
            new("F1", OutageKind.Fault, ["A01"], "幸福小区全部", At(11, 24, 1), At(11, 24, 6), "10kV线路故障"),
        };

        var reply = Composer.Compose(Entry("outage.current-status"), new AnswerContext("A01", "幸福小区", Outages: outages));

        Assert.Contains("10kV线路故障", reply, StringComparison.Ordinal);
        Assert.Contains("预计11月24日 14:00前恢复供电", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_CurrentStatusNoneKnown_SaysHowToReport()
    {
        var reply = Composer.Compose(Entry("outage.current-status"), AnswerContext.None);

        Assert.Contains("没有查到", reply, StringComparison.Ordinal);
        Assert.Contains("95598", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_Contact_ShowsManagerHoursAnd95598()
    {
        var area = new Area("A01", "幸福小区", AreaKind.Urban, "Asia/Shanghai", "m1", "s1");
        var manager = new Staff("m1", "李经理", "13900001111", StaffRole.Manager, "工作日 8:30-17:30");

        var reply = Composer.Compose(Entry("service.contact"), AnswerContext.For(area, manager, [], isPrivate: false));

        Assert.Contains("李经理", reply, StringComparison.Ordinal);
        Assert.Contains("13900001111", reply, StringComparison.Ordinal);
        Assert.Contains("工作日 8:30-17:30", reply, StringComparison.Ordinal);
        Assert.Contains("95598", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Compose_ContactWithoutManager_DropsManagerLine()
    {
        var reply = Composer.Compose(Entry("service.contact"), AnswerContext.None);

        Assert.DoesNotContain("片区经理：", reply, StringComparison.Ordinal);
        Assert.Contains("95598", reply, StringComparison.Ordinal);
    }

    [Fact]
    public void Mask_CustomerPhone_MaskedButManagerPhoneKept()
    {
        string text = AnswerComposer.Mask("客户13812345678，经理13900001111", "13900001111");

        Assert.Equal("客户138****5678，经理13900001111", text);
    }

    private static DateTimeOffset At(int month, int day, int utcHour) => new(2025, month, day, utcHour, 0, 0, TimeSpan.Zero);
}
