namespace GridService.Notifier.Billing;

/// <summary>One billing message stage: a reminder counted from the settlement day, or the disconnection notice from the due day.</summary>
/// <param name="Name">Stage name in message ids; the template name for reminders.</param>
/// <param name="Template">The template it renders.</param>
/// <param name="FromDueDay">True when counted from the due day (disconnection), else from the settlement day.</param>
/// <param name="Days">Days after that day.</param>
public sealed record ReminderStage(string Name, string Template, bool FromDueDay, int Days)
{
    /// <summary>Name of the disconnection notice stage.</summary>
    public const string Disconnection = "disconnection";

    /// <summary>Name of the reconnection message stage.</summary>
    public const string Reconnection = "reconnection";

    /// <summary>The message id of a stage for one bill: the (account, period, stage) idempotency key.</summary>
    public static string MessageId(string accountNo, string period, string stage) => $"bill:{accountNo}:{period}:{stage}";

    /// <summary>The configured stages in order: reminders by day, then the disconnection notice when enabled.</summary>
    public static IReadOnlyList<ReminderStage> From(BillingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stages = options.Stages.Where(s => s.Value >= 0).OrderBy(s => s.Value).ThenBy(s => s.Key, StringComparer.Ordinal)
            .Select(s => new ReminderStage(s.Key, s.Key, false, s.Value)).ToList();
        if (options.Disconnection.Enabled)
        {
            // The first send time at which the arrears are more than OverdueAfter old: overdue starts the day after the due day.
            stages.Add(new ReminderStage(Disconnection, "arrears-disconnection", true, 1 + (int)Math.Ceiling(options.Disconnection.OverdueAfter.TotalDays)));
        }

        return stages;
    }
}
