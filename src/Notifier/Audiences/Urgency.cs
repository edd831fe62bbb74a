namespace GridService.Notifier.Audiences;

/// <summary>How a message treats a recipient's opt-out and quiet hours.</summary>
public enum Urgency
{
    /// <summary>Reminders and the like: an opt-out stops it, quiet hours defer it.</summary>
    Normal,

    /// <summary>Notices the customer must get (disconnection, reconnection): no opt-out, but quiet hours defer it.</summary>
    Mandatory,

    /// <summary>Outages and hazards: no opt-out and no quiet hours.</summary>
    Critical,
}
