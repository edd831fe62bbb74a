using GridService.Bot.Knowledge;
using GridService.Core.Storage;

namespace GridService.Bot.Pipeline;

/// <summary>
/// Each sender's last question in each chat, kept for <see cref="Window"/> so that a short follow-up ("那在哪办",
/// "第三档呢") is decided with its topic. What is kept is the decision's label and its <see cref="Decision.Basis"/>
/// (numbers masked, an earlier turn already folded in), one Redis string per sender and chat that expires by itself.
/// </summary>
public sealed class TurnMemory(RedisStore store)
{
    /// <summary>How long a question stays the previous turn of the same sender's next message.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    private string Key(InboundMessage message) => $"{store.Keys.Prefix}:turn:{Conversations.Of(message)}:{message.SenderId}";

    /// <summary>The sender's previous turn in this chat, or null when there is none within the window.</summary>
    public async Task<PreviousTurn?> PreviousAsync(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var value = (string?)await store.Db.StringGetAsync(Key(message));
        var split = value?.IndexOf('\n', StringComparison.Ordinal) ?? -1;
        return split > 0 ? new PreviousTurn(value![..split], value[(split + 1)..]) : null;
    }

    /// <summary>Keeps <paramref name="decision"/> as the sender's previous turn in this chat.</summary>
    public Task RememberAsync(InboundMessage message, Decision decision)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(decision);
        return string.IsNullOrEmpty(decision.Basis)
            ? Task.CompletedTask
            : store.Db.StringSetAsync(Key(message), decision.Label + "\n" + decision.Basis, Window);
    }
}
