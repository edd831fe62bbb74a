using System.Globalization;
using System.Text.RegularExpressions;
using GridService.Core.Chat;
using GridService.Core.Domain;
using GridService.Core.Grid;
using Microsoft.Extensions.DependencyInjection;

namespace GridService.Bot.Tests.Channels.WeCom.LongConnection;

/// <summary>
/// The real host with an AI bot on the long connection to a <see cref="FakeWeComServer"/>, the sample county, and
/// 幸福里's group served by that bot (chat <see cref="Chat"/>, channel <c>wecom-aibot</c>).
/// </summary>
internal static partial class LongConnectionHost
{
    public const string BotId = "aib-test";
    public const string Secret = "lc-secret";
    public const string Chat = "wrk-lc-xfl";
    public const string Group = "grp-xingfuli";
    public const string Token = "lc-admin-token";

    /// <summary>The settings of a host on <paramref name="fake"/>; <paramref name="extra"/> adds or overrides.</summary>
    public static Dictionary<string, string> Settings(FakeWeComServer fake, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Admin:Token"] = Token,
            ["WeCom:AiBots:lc:Mode"] = "long-connection",
            ["WeCom:AiBots:lc:BotId"] = BotId,
            ["WeCom:AiBots:lc:Secret"] = Secret,
            ["WeCom:AiBots:lc:Url"] = fake.WebSocketUrl,
            [$"WeCom:AiBots:lc:Groups:{Chat}"] = Group,
            ["WeCom:LongConnection:LeaseTtl"] = "00:00:03",
            ["WeCom:LongConnection:ReconnectMin"] = "00:00:00.100",
            ["WeCom:LongConnection:ReconnectMax"] = "00:00:00.500",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        return settings;
    }

    /// <summary>Starts a host and waits until its bot is connected.</summary>
    public static async Task<TestHost> StartAsync(FakeWeComServer fake, IReadOnlyDictionary<string, string>? extra = null, Action<IServiceCollection>? services = null)
    {
        fake.AddBot(BotId, Secret);
        var host = await TestHost.StartAsync(Settings(fake, extra), services);
        var directory = host.Services.GetRequiredService<GridDirectory>();
        var group = (await directory.GetGroupAsync(Group))!;
        await directory.SaveGroupAsync(group with { Channel = ChannelNames.WeComAiBot });
        await fake.WaitForLiveAsync(BotId);

        // Connected as the client sees it too (the subscription's acknowledgement processed), before a test moves a clock.
        var runners = host.Services.GetRequiredService<GridService.Bot.Channels.WeCom.LongConnection.LongConnectionService>().Runners;
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!runners.All(r => r.IsConnected))
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The bot's runner never reported itself connected.");
            await Task.Delay(20);
        }

        return host;
    }

    /// <summary>A group @-message as WeCom's frame body.</summary>
    public static object GroupText(string msgId, string user, string text) => new
    {
        msgid = msgId, aibotid = BotId, chatid = Chat, chattype = "group", from = new { userid = user }, msgtype = "text",
        text = new { content = "@小电 " + text },
    };

    /// <summary>A single-chat message of <paramref name="msgtype"/> with its part.</summary>
    public static object Single(string msgId, string user, string msgtype, object part) => msgtype switch
    {
        "voice" => new { msgid = msgId, aibotid = BotId, chattype = "single", from = new { userid = user }, msgtype, voice = part },
        "image" => new { msgid = msgId, aibotid = BotId, chattype = "single", from = new { userid = user }, msgtype, image = part },
        _ => new { msgid = msgId, aibotid = BotId, chattype = "single", from = new { userid = user }, msgtype, text = part },
    };

    /// <summary>The work-order number in a text.</summary>
    public static string? OrderNumber(string? text) => text is not null && OrderPattern().Match(text) is { Success: true } m ? m.Value : null;

    /// <summary>The local time as the notice API reads it.</summary>
    public static string Local(DateTimeOffset at) => Zones.Local(at, Zones.Default).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    [GeneratedRegex(@"GD\d{8}-\d{4}")]
    private static partial Regex OrderPattern();
}
