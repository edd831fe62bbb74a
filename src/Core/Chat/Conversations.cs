namespace GridService.Core.Chat;

/// <summary>
/// Transcript ids: a group's conversation is its group id; a private conversation with one person is
/// <c>dm:&lt;their chat id&gt;</c>, so the simulator's private lines and the bridge's private inbound messages meet.
/// </summary>
public static class Conversations
{
    /// <summary>The prefix of private conversations.</summary>
    public const string PrivatePrefix = "dm:";

    /// <summary>The transcript id of the private conversation with <paramref name="userId"/>.</summary>
    public static string Private(string userId) => PrivatePrefix + userId;

    /// <summary>The transcript id of <paramref name="message"/>'s conversation.</summary>
    public static string Of(OutboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.GroupId.Length > 0 ? message.GroupId : Private(message.RecipientId ?? "unknown");
    }

    /// <summary>The transcript id of <paramref name="message"/>'s conversation.</summary>
    public static string Of(InboundMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.IsPrivate ? Private(message.SenderId) : message.GroupId;
    }
}
