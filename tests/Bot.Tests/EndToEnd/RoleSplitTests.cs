using System.Globalization;
using GridService.Core.Domain;
using GridService.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GridService.Bot.Tests.EndToEnd;

public sealed class RoleSplitTests
{
    [Fact]
    public async Task BotAndNotifierRoles_SeparateHostsSharingOnlyRedis_ReplyIsDeliveredByTheNotifier()
    {
        var prefix = "split-" + Guid.NewGuid().ToString("N")[..6];
        await using var bot = await TestHost.StartAsync(new Dictionary<string, string> { ["Role"] = "bot", ["Store:KeyPrefix"] = prefix });
        await bot.SayAsync("grp-xingfuli", "u-xfl-001", "@小电 电费在哪里交", "split-1");
        await bot.SettleAsync(GridService.Core.Chat.Inbox.QueueName); // the Bot answered: the reply waits in the outbox
        Assert.DoesNotContain(await bot.TranscriptAsync("grp-xingfuli"), l => l.ReplyTo == "split-1");

        await using var notifier = await TestHost.StartAsync(new Dictionary<string, string>
        {
            ["Role"] = "notifier", ["Store:KeyPrefix"] = prefix, ["ConnectionStrings:Redis"] = SharedRedis(bot), ["Samples:Seed"] = "false",
        });

        var reply = await bot.WaitForAsync("grp-xingfuli", l => l.ReplyTo == "split-1");
        Assert.Contains("网上国网", reply.Text, StringComparison.Ordinal);
    }

    // The manager's 确认 is answered by the Bot, but the notice is sent by the Notifier: the ack must tell the Notifier's
    // quiet hours (here the two hours around now), not the Bot's own (here none).
    [Fact]
    public async Task Confirm_BotAndNotifierApart_AckTellsTheNotifiersQuietHoursAndTheNoticeWaits()
    {
        var now = Zones.Local(TimeProvider.System.GetUtcNow(), "Asia/Shanghai");
        var window = string.Create(CultureInfo.InvariantCulture, $"{now.AddHours(-1):HH:mm}-{now.AddHours(1):HH:mm}");
        var prefix = "split-" + Guid.NewGuid().ToString("N")[..6];
        await using var bot = await TestHost.StartAsync(new Dictionary<string, string> { ["Role"] = "bot", ["Store:KeyPrefix"] = prefix });
        await using var notifier = await TestHost.StartAsync(new Dictionary<string, string>
        {
            ["Role"] = "notifier", ["Store:KeyPrefix"] = prefix, ["ConnectionStrings:Redis"] = SharedRedis(bot), ["Samples:Seed"] = "false",
            ["Audiences:QuietHours"] = window,
        });

        await bot.SayAsync("grp-xingfuli", "wangjianhua", "@小电 停电通知 后天 08:00-12:00 幸福里1-5号楼 更换变压器", "qs-1");
        await bot.WaitForAsync("dm:wangjianhua", l => l.ReplyTo == "qs-1");
        await bot.SayAsync("grp-xingfuli", "wangjianhua", "@小电 确认", "qs-2");
        var ack = await bot.WaitForAsync("grp-xingfuli", l => l.ReplyTo == "qs-2");
        await notifier.SettleAsync();

        Assert.Contains("夜间免打扰", ack.Text, StringComparison.Ordinal);
        Assert.Contains($"会在{now.AddHours(1):HH:mm}发到本群", ack.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(await bot.TranscriptAsync("grp-xingfuli"), l => l.Kind == "planned-outage");
    }

    private static string SharedRedis(TestHost bot) =>
        Environment.GetEnvironmentVariable("GRIDSERVICE_TEST_REDIS") is { Length: > 0 } external
            ? external
            : bot.Services.GetRequiredService<RedisStore>().Connection.Configuration;
}
