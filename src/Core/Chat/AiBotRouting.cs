using Microsoft.Extensions.Configuration;

namespace GridService.Core.Chat;

/// <summary>
/// Which WeCom AI bots talk over a long connection and which chats they serve, read from <c>WeCom:AiBots</c> the way
/// both hosts need it: the Bot's private routes, and the Notifier's sender that hands pushes to the connection
/// holder. (The Bot validates the full settings; this reads only the mode and the chat → group map.)
/// </summary>
public sealed class AiBotRouting
{
    /// <summary>The <c>Mode</c> of a bot that answers HTTP callbacks (the default).</summary>
    public const string CallbackMode = "callback";

    /// <summary>The <c>Mode</c> of a bot on the WebSocket long connection.</summary>
    public const string LongConnectionMode = "long-connection";

    private readonly Dictionary<string, string> _chatOfGroup = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _botOfGroup = new(StringComparer.Ordinal);
    private readonly List<string> _longConnectionBots = [];
    private readonly int _botCount;

    /// <summary>Reads <c>WeCom:AiBots</c> from <paramref name="configuration"/>.</summary>
    public AiBotRouting(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        foreach (var bot in configuration.GetSection("WeCom:AiBots").GetChildren())
        {
            _botCount++;
            if (!IsLongConnection(bot["Mode"])) continue;
            _longConnectionBots.Add(bot.Key);
            foreach (var chat in bot.GetSection("Groups").GetChildren())
            {
                if (string.IsNullOrWhiteSpace(chat.Value)) continue;
                _chatOfGroup.TryAdd(chat.Value, chat.Key);
                _botOfGroup.TryAdd(chat.Value, bot.Key);
            }
        }
    }

    /// <summary>The names of the bots on a long connection.</summary>
    public IReadOnlyList<string> LongConnectionBots => _longConnectionBots;

    /// <summary>True when <paramref name="mode"/> names the long connection.</summary>
    public static bool IsLongConnection(string? mode) => string.Equals(mode?.Trim(), LongConnectionMode, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The long-connection bot that serves <paramref name="groupId"/> and the group's WeCom chat id: the bot whose
    /// <c>Groups</c> map a chat to it, else the only AI bot when that one is on a long connection (the group id is
    /// then the chat id itself). Null when no long connection reaches the group.
    /// </summary>
    public (string Bot, string ChatId)? LongConnectionFor(string groupId)
    {
        ArgumentNullException.ThrowIfNull(groupId);
        if (_botOfGroup.TryGetValue(groupId, out var bot)) return (bot, _chatOfGroup[groupId]);
        return _botCount == 1 && _longConnectionBots.Count == 1 && groupId.Length > 0 ? (_longConnectionBots[0], groupId) : null;
    }

    /// <summary>True when <paramref name="bot"/> is configured and on a long connection.</summary>
    public bool IsLongConnectionBot(string bot) => _longConnectionBots.Contains(bot, StringComparer.OrdinalIgnoreCase);
}
