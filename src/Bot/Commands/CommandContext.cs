
namespace GridService.Bot.Commands;

/// <summary>Who sent a command and where: in a group (<see cref="Group"/> and <see cref="Area"/> set) or in private.</summary>
/// <param name="Message">The command message.</param>
/// <param name="Role">The sender's role (in a group: bound manager, staff or customer; in private: staff).</param>
/// <param name="Sender">The sender as staff, when they are staff.</param>
/// <param name="Group">The group, null in private.</param>
/// <param name="Area">The group's area, null in private.</param>
public sealed record CommandContext(InboundMessage Message, SenderRole Role, Staff? Sender, ChatGroup? Group, Area? Area)
{
    /// <summary>The idempotency id of what the command does: a redelivered command is applied once.</summary>
    public string SourceId => $"cmd:{Message.Channel}:{Message.MessageId}";
}
