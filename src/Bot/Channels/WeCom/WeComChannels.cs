using GridService.Bot.Channels.WeCom.Protocol;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Channels.WeCom;

/// <summary>A configured AI bot with its crypto, built once (the crypto is thread-safe).</summary>
public sealed record WeComAiBot(string Name, WeComCrypto Crypto, string? BotName, IReadOnlyDictionary<string, string> Groups);

/// <summary>A configured self-built app with its crypto.</summary>
public sealed record WeComApp(string Name, WeComCrypto Crypto);

/// <summary>The configured bots and apps by route name (case-insensitive, like configuration keys).</summary>
public sealed class WeComChannels
{
    /// <summary>Channel name of messages from AI bots.</summary>
    public const string AiBotChannel = ChannelNames.WeComAiBot;

    /// <summary>Channel name of messages from self-built apps.</summary>
    public const string AppChannel = ChannelNames.WeComApp;

    private readonly Dictionary<string, WeComAiBot> _bots = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, WeComApp> _apps = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Builds the channels from validated options.</summary>
    public WeComChannels(IOptions<WeComOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var o = options.Value;
        Options = o;
        foreach (var (name, bot) in o.AiBots.Where(b => !b.Value.IsLongConnection))
        {
            // AI bots are not addressed by CorpID: their ReceiveId is empty.
            var groups = new Dictionary<string, string>(bot.Groups, StringComparer.OrdinalIgnoreCase);
            _bots[name] = new WeComAiBot(name, new WeComCrypto(bot.Token, bot.EncodingAESKey, ""),
                string.IsNullOrWhiteSpace(bot.BotName) ? null : bot.BotName, groups);
        }

        foreach (var (name, app) in o.Apps.Where(a => a.Value.HasCallback))
        {
            _apps[name] = new WeComApp(name, new WeComCrypto(app.Token, app.EncodingAESKey, app.CorpId));
        }
    }

    /// <summary>The options they were built from.</summary>
    public WeComOptions Options { get; }

    /// <summary>The AI bot of that route name, or null.</summary>
    public WeComAiBot? AiBot(string name) => _bots.GetValueOrDefault(name);

    /// <summary>The app of that route name, or null.</summary>
    public WeComApp? App(string name) => _apps.GetValueOrDefault(name);
}
