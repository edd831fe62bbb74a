
namespace GridService.Bot.Commands;

/// <summary>Who wrote a message, as far as permissions go.</summary>
public enum SenderRole { Customer, Staff, Manager }

/// <summary>Resolves a sender's role in a group.</summary>
public static class SenderRoles
{
    /// <summary>
    /// The group's roster are its managers: the staff bound to it (<see cref="ChatGroup.ManagerIds"/>) and its area's
    /// manager and supervisor. Other staff are <see cref="SenderRole.Staff"/> there (they command their own groups, not
    /// this one); everyone else is a customer.
    /// </summary>
    public static SenderRole Resolve(string senderId, ChatGroup group, Area? area, Staff? staff) =>
        IsOnRoster(senderId, group, area) ? SenderRole.Manager
        : staff is not null ? SenderRole.Staff
        : SenderRole.Customer;

    /// <summary>True when <paramref name="senderId"/> may command <paramref name="group"/>.</summary>
    public static bool IsOnRoster(string senderId, ChatGroup group, Area? area)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.ManagerIds.Contains(senderId, StringComparer.Ordinal)
            || (area is not null && area.Id == group.AreaId && (area.ManagerId == senderId || area.SupervisorId == senderId));
    }
}
