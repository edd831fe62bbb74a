namespace GridService.Notifier.Billing;

/// <summary>Billing reminders, the disconnection notice and the tone policy (section <c>Billing</c>).</summary>
public sealed class BillingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Billing";

    /// <summary>
    /// Reminder stages: template (reminder-1..3) → days after the settlement day (seed cadence: 0, 5, 10). A stage set
    /// to a negative number is off. Keys are merged with configuration, so one stage can be moved on its own.
    /// </summary>
    public Dictionary<string, int> Stages { get; set; } = new(StringComparer.Ordinal)
    {
        ["reminder-1"] = 0, ["reminder-2"] = 5, ["reminder-3"] = 10,
    };

    /// <summary>Local time of day the day's reminders are decided (they then wait for quiet hours to end if needed).</summary>
    public TimeSpan SendAt { get; set; } = TimeSpan.FromHours(9);

    /// <summary>The time zone billing days are counted in.</summary>
    public string TimeZone { get; set; } = "Asia/Shanghai";

    /// <summary>Late fee per overdue day as a fraction of what is owed (older rule for residents: 0.001); 0 shows none.</summary>
    public decimal LateFeeDailyRate { get; set; }

    /// <summary>Nearest service hall shown for offline payment; templates say "the nearest service hall" without it.</summary>
    public string? ServiceHall { get; set; }

    /// <summary>The arrears disconnection notice.</summary>
    public DisconnectionOptions Disconnection { get; set; } = new();

    /// <summary>
    /// Customers who get the gentle wording: comma-separated <c>credit:X</c> and <c>segment:Y</c> terms, any of which
    /// matches (seed 004: non-malicious arrears are handled gently).
    /// </summary>
    public string GentleFor { get; set; } = "credit:A,segment:vip,segment:important";

    /// <summary>
    /// Customers whose disconnection notice is held for a person to decide (e.g. important customers such as clinics
    /// and care homes); same terms as <see cref="GentleFor"/>, empty for nobody.
    /// </summary>
    public string HoldFor { get; set; } = "segment:important";

    /// <summary>
    /// Credit before cutting (seed 004): what happens to a disconnection notice by the customer's credit rating (A, B,
    /// C). Default: A is held for a person's review; B is softened, and held the first time the customer gets one; C
    /// goes as scheduled. Keys merge with configuration, so one rating can be changed on its own.
    /// </summary>
    public Dictionary<string, CreditAction> Credit { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["A"] = CreditAction.Hold, ["B"] = CreditAction.SoftenHoldFirst, ["C"] = CreditAction.Send,
    };

    /// <summary>Per area, ratings whose action differs from <see cref="Credit"/> (e.g. <c>AreaCredit:A03:B = Hold</c>).</summary>
    public Dictionary<string, Dictionary<string, CreditAction>> AreaCredit { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>What happens to a disconnection notice for a credit rating.</summary>
public enum CreditAction
{
    /// <summary>Sent as scheduled, in the customer's usual wording.</summary>
    Send,

    /// <summary>Sent as scheduled, in the gentle wording.</summary>
    Soften,

    /// <summary>Gentle wording; held for a person's review if it is the customer's first disconnection notice.</summary>
    SoftenHoldFirst,

    /// <summary>Held for a person's review (gentle wording when released).</summary>
    Hold,
}

/// <summary>When the arrears disconnection notice goes.</summary>
public sealed class DisconnectionOptions
{
    /// <summary>False sends no disconnection notices (reminders still go).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Only arrears overdue longer than this get the notice (rule: more than 30 days).</summary>
    public TimeSpan OverdueAfter { get; set; } = TimeSpan.FromDays(30);

    /// <summary>How long after the notice supply would be cut (rule: 3-7 days); shown to the customer.</summary>
    public TimeSpan NoticePeriod { get; set; } = TimeSpan.FromDays(7);
}
