using GridService.Core.Chat;

namespace GridService.Notifier.Delivery;

/// <summary>The in-process channel: a delivered message becomes a line in the group's (or person's) transcript.</summary>
public sealed class SimulatorSender(Transcript transcript) : ISender
{
    /// <summary>Channel name.</summary>
    public const string Name = "simulator";

    /// <summary>Transcript id used for a private conversation with <paramref name="recipientId"/>.</summary>
    public static string PrivateTranscriptId(string recipientId) => "dm:" + recipientId;

    /// <inheritdoc />
    public string Channel => Name;

    /// <inheritdoc />
    public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var target = message.GroupId.Length > 0 ? message.GroupId : PrivateTranscriptId(message.RecipientId ?? "unknown");
        var entry = new TranscriptEntry(0, "out", message.Id, "bot", message.Text, message.ReplyTo, message.Kind, message.CreatedAt);
        return transcript.AppendAsync(target, entry);
    }
}
