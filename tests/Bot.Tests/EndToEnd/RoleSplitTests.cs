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
        var store = bot.Services.GetRequiredService<RedisStore>();
        var redis = Environment.GetEnvironmentVariable("GRIDSERVICE_TEST_REDIS") is { Length: > 0 } external
            ? external
            : store.Connection.Configuration;

        await bot.SayAsync("grp-xingfuli", "u-xfl-001", "@小电 电费在哪里交", "split-1");
        await bot.SettleAsync(GridService.Core.Chat.Inbox.QueueName); // the Bot answered: the reply waits in the outbox
        Assert.DoesNotContain(await bot.TranscriptAsync("grp-xingfuli"), l => l.ReplyTo == "split-1");

        await using var notifier = await TestHost.StartAsync(new Dictionary<string, string>
        {
            ["Role"] = "notifier", ["Store:KeyPrefix"] = prefix, ["ConnectionStrings:Redis"] = redis, ["Samples:Seed"] = "false",
        });

        var reply = await bot.WaitForAsync("grp-xingfuli", l => l.ReplyTo == "split-1");
        Assert.Contains("网上国网", reply.Text, StringComparison.Ordinal);
    }
}
