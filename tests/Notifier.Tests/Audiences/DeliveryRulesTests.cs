using GridService.Core.Domain;
using GridService.Notifier.Audiences;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Tests.Audiences;

public sealed class DeliveryRulesTests
{
    private static readonly TimeZoneInfo Shanghai = Zones.Find("Asia/Shanghai");
    private static readonly DateTimeOffset Night = new(2026, 12, 1, 23, 0, 0, TimeSpan.FromHours(8));
    private static readonly DateTimeOffset Morning = new(2026, 12, 2, 8, 0, 0, TimeSpan.FromHours(8));

    private static readonly DeliveryRules Rules = new(Options.Create(new AudienceOptions
    {
        Channels = new(StringComparer.OrdinalIgnoreCase) { ["wecom"] = "wecom-app", ["sms"] = "sms-gateway", ["bridge"] = "bridge", ["simulator"] = "simulator" },
    }));

    private static Customer Customer(string? chatId, string preferred) =>
        new("3101000007", "陈秋菊", "13800000000", "地址", "A01", "grp-xingfuli", chatId, "线", "台区", Segment.Resident, CreditRating.B, preferred);

    [Fact]
    public void Decide_OptedOut_ReminderNotSentButMandatoryAndCriticalAre()
    {
        var optedOut = new RecipientPreferences(OptedOut: true);

        Assert.False(Rules.Decide(Urgency.Normal, optedOut, Shanghai, Morning.AddHours(2)).Send);
        Assert.True(Rules.Decide(Urgency.Mandatory, optedOut, Shanghai, Morning.AddHours(2)).Send);
        Assert.True(Rules.Decide(Urgency.Critical, optedOut, Shanghai, Morning.AddHours(2)).Send);
    }

    [Fact]
    public void Decide_AtNight_ReminderAndMandatoryWaitForMorningCriticalGoesNow()
    {
        Assert.Equal(Morning, Rules.Decide(Urgency.Normal, null, Shanghai, Night).NotBefore);
        Assert.Equal(Morning, Rules.Decide(Urgency.Mandatory, null, Shanghai, Night).NotBefore);
        Assert.Null(Rules.Decide(Urgency.Critical, null, Shanghai, Night).NotBefore);
    }

    [Fact]
    public void Decide_OwnQuietHours_OverrideTheDefault()
    {
        var late = new RecipientPreferences(QuietHours: "23:30-06:00");

        Assert.Null(Rules.Decide(Urgency.Normal, late, Shanghai, Night).NotBefore);
    }

    [Fact]
    public void RoutePrivate_PreferredChannel_MappedToTheConfiguredChannel()
    {
        var wecom = Rules.RoutePrivate(Customer("u-xfl-006", "wecom"), null, "Asia/Shanghai");
        var sms = Rules.RoutePrivate(Customer("u-xfl-006", "sms"), null, "Asia/Shanghai");

        Assert.Equal(("wecom-app", "u-xfl-006"), (wecom.Channel, wecom.RecipientId));
        Assert.Equal(("sms-gateway", "3101000007"), (sms.Channel, sms.RecipientId));
    }

    [Fact]
    public void RoutePrivate_ChatChannelWithoutAChatId_FallsBackToSms()
    {
        var route = Rules.RoutePrivate(Customer(null, "wecom"), null, "Asia/Shanghai");

        Assert.Equal(("sms-gateway", "3101000007"), (route.Channel, route.RecipientId));
    }

    [Fact]
    public void Validate_MissingChannelAndBadQuietHours_NamesBoth()
    {
        var options = new AudienceOptions { QuietHours = "9pm-8am" };
        options.Channels.Remove("sms");

        var result = new AudienceOptionsValidator().Validate(null, options);

        Assert.Contains(result.Failures!, f => f.Contains("Audiences:QuietHours '9pm-8am'", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("Audiences:Channels:sms", StringComparison.Ordinal));
    }
}
