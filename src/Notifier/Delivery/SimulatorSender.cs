
namespace GridService.Notifier.Delivery;

/// <summary>The in-process channel: a delivered message becomes a line in the group's (or person's) transcript.</summary>
public sealed class SimulatorSender(Transcript transcript) : ISender
{
    /// <summary>Channel name.</summary>
    public const string Name = ChannelNames.Simulator;

    /// <inheritdoc />
    public string Channel => Name;

    /// <inheritdoc />
    public Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var target = Conversations.Of(message);
        var entry = new TranscriptEntry(0, "out", message.Id, "bot", message.Text, message.ReplyTo, message.Kind, message.CreatedAt);
        return transcript.AppendAsync(target, entry);
    }
}
