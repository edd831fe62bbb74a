using GridService.Core.Domain;
using GridService.Notifier.Billing;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Tests.Billing;

public sealed class BillingPolicyTests
{
    private static Customer Customer(Segment segment, CreditRating credit) =>
        new("3101000001", "张三", "13800000000", "地址", "A01", null, null, "线", "台区", segment, credit, "sms");

    [Fact]
    public void Defaults_CreditAOrVipOrImportantAreGentle_ImportantIsHeld()
    {
        var policy = new BillingPolicy(Options.Create(new BillingOptions()));

        Assert.True(policy.IsGentle(Customer(Segment.Resident, CreditRating.A)));
        Assert.True(policy.IsGentle(Customer(Segment.Vip, CreditRating.C)));
        Assert.False(policy.IsGentle(Customer(Segment.Resident, CreditRating.B)));
        Assert.True(policy.IsHeld(Customer(Segment.Important, CreditRating.A)));
        Assert.False(policy.IsHeld(Customer(Segment.Vip, CreditRating.A)));
    }

    [Fact]
    public void Configured_HoldForCreditC_HoldsThoseInstead()
    {
        var policy = new BillingPolicy(Options.Create(new BillingOptions { GentleFor = "", HoldFor = "credit:c" }));

        Assert.True(policy.IsHeld(Customer(Segment.Resident, CreditRating.C)));
        Assert.False(policy.IsHeld(Customer(Segment.Important, CreditRating.A)));
        Assert.False(policy.IsGentle(Customer(Segment.Vip, CreditRating.A)));
    }

    [Fact]
    public void Validate_BadTermsAndStages_NamesEachBadValue()
    {
        var options = new BillingOptions { GentleFor = "credit:A,segment:medical", HoldFor = "credit:7" };
        options.Stages["reminder-4"] = 3;

        var result = new BillingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Billing:GentleFor", StringComparison.Ordinal) && f.Contains("segment:medical", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Billing:HoldFor", StringComparison.Ordinal) && f.Contains("credit:7", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Billing:Stages:reminder-4", StringComparison.Ordinal));
    }

    [Fact]
    public void Stages_Defaults_SeedCadenceThenDisconnectionAfterThirtyDaysOverdue()
    {
        var stages = ReminderStage.From(new BillingOptions());

        Assert.Equal([("reminder-1", 0), ("reminder-2", 5), ("reminder-3", 10), ("disconnection", 31)], stages.Select(s => (s.Name, s.Days)));
        Assert.True(stages[^1].FromDueDay);
    }
}
