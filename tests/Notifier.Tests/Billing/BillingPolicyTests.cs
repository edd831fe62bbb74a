using GridService.Core.Domain;
using GridService.Notifier.Billing;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Tests.Billing;

public sealed class BillingPolicyTests
{
    private static Customer Customer(Segment segment, CreditRating credit) =>
        new("3101000001", "张三", "13800000000", "地址", "A01", null, null, "线", "台区", segment, credit, "sms");

    private static Customer Customer(Segment segment, CreditRating credit, string area) =>
        Customer(segment, credit) with { AreaId = area };

    [Fact]
    public void Defaults_CreditAOrVipOrImportantAreGentle_ImportantIsHeldWhateverItsCredit()
    {
        var policy = new BillingPolicy(Options.Create(new BillingOptions()));

        Assert.True(policy.IsGentle(Customer(Segment.Resident, CreditRating.A)));
        Assert.True(policy.IsGentle(Customer(Segment.Vip, CreditRating.C)));
        Assert.False(policy.IsGentle(Customer(Segment.Resident, CreditRating.B)));
        Assert.True(policy.Disconnection(Customer(Segment.Important, CreditRating.C), first: false).Hold);
        Assert.False(policy.Disconnection(Customer(Segment.Vip, CreditRating.C), first: true).Hold);
    }

    [Fact]
    public void Disconnection_ByCredit_AHeldBSoftenedAndHeldTheFirstTimeCAsScheduled()
    {
        var policy = new BillingPolicy(Options.Create(new BillingOptions()));

        Assert.Equal(new DisconnectionDecision(true, true, "credit A"), policy.Disconnection(Customer(Segment.Resident, CreditRating.A), first: false));
        Assert.Equal(new DisconnectionDecision(true, true, "credit B, first notice"), policy.Disconnection(Customer(Segment.Resident, CreditRating.B), first: true));
        Assert.Equal(new DisconnectionDecision(false, true, "credit B"), policy.Disconnection(Customer(Segment.Resident, CreditRating.B), first: false));
        Assert.Equal(new DisconnectionDecision(false, false, "credit C"), policy.Disconnection(Customer(Segment.Resident, CreditRating.C), first: true));
    }

    [Fact]
    public void Disconnection_AreaOverride_AppliesInThatAreaOnly()
    {
        var options = new BillingOptions();
        options.AreaCredit["A03"] = new(StringComparer.OrdinalIgnoreCase) { ["C"] = CreditAction.Hold };
        var policy = new BillingPolicy(Options.Create(options));

        Assert.True(policy.Disconnection(Customer(Segment.Resident, CreditRating.C, "A03"), first: false).Hold);
        Assert.False(policy.Disconnection(Customer(Segment.Resident, CreditRating.C, "A01"), first: false).Hold);
        Assert.True(policy.Disconnection(Customer(Segment.Resident, CreditRating.A, "A03"), first: false).Hold); // the rest as configured
    }

    [Fact]
    public void Configured_HoldForCreditC_HoldsThoseInstead()
    {
        var options = new BillingOptions { GentleFor = "", HoldFor = "credit:c" };
        options.Credit["A"] = CreditAction.Send;
        var policy = new BillingPolicy(Options.Create(options));

        Assert.True(policy.Disconnection(Customer(Segment.Resident, CreditRating.C), first: false).Hold);
        Assert.False(policy.Disconnection(Customer(Segment.Important, CreditRating.A), first: false).Hold);
        Assert.False(policy.IsGentle(Customer(Segment.Vip, CreditRating.A)));
    }

    [Fact]
    public void Validate_BadTermsAndStages_NamesEachBadValue()
    {
        var options = new BillingOptions { GentleFor = "credit:A,segment:medical", HoldFor = "credit:7" };
        options.Stages["reminder-4"] = 3;
        options.Credit["D"] = CreditAction.Hold;
        options.AreaCredit["A01"] = new(StringComparer.OrdinalIgnoreCase) { ["E"] = CreditAction.Send };

        var result = new BillingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("Billing:GentleFor", StringComparison.Ordinal) && f.Contains("segment:medical", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Billing:HoldFor", StringComparison.Ordinal) && f.Contains("credit:7", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Billing:Stages:reminder-4", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Billing:Credit:D", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Billing:AreaCredit:A01:E", StringComparison.Ordinal));
    }

    [Fact]
    public void Stages_Defaults_SeedCadenceThenDisconnectionAfterThirtyDaysOverdue()
    {
        var stages = ReminderStage.From(new BillingOptions());

        Assert.Equal([("reminder-1", 0), ("reminder-2", 5), ("reminder-3", 10), ("disconnection", 31)], stages.Select(s => (s.Name, s.Days)));
        Assert.True(stages[^1].FromDueDay);
    }
}
