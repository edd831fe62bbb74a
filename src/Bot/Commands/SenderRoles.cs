
namespace GridService.Bot.Commands;

/// <summary>Who wrote a message, as far as permissions go.</summary>
public enum SenderRole { Customer, Staff, Manager }

/// <summary>Resolves a sender's role in a group.</summary>
public static class SenderRoles
{
    /// <summary>Managers bound to the group are managers; other known staff are staff; everyone else is a customer.</summary>
    public static SenderRole Resolve(string senderId, ChatGroup group, Staff? staff) =>
        group.ManagerIds.Contains(senderId, StringComparer.Ordinal) ? SenderRole.Manager
        : staff is not null ? SenderRole.Staff
        : SenderRole.Customer;
}
