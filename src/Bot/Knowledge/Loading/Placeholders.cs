namespace GridService.Bot.Knowledge;

/// <summary>
/// The placeholder names an answer may use. Local facts differ by province and come from
/// <see cref="KnowledgeOptions.LocalFacts"/>; live ones are filled per message by <see cref="AnswerComposer"/>.
/// An answer naming anything else fails loading, so a typo cannot reach a resident as "{{late_fe_rate}}".
/// </summary>
public static class Placeholders
{
    public static IReadOnlySet<string> Local { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "late_fee_rate", "late_fee_start", "tier_thresholds", "tier_prices", "tier_count_period", "tier_reset",
        "tou_peak_window", "tou_valley_window", "tou_change_rule", "disconnection_notice_days",
        "meter_test_fee", "capacity_fee", "pv_settlement", "multi_person_threshold", "complaint_reply_days",
        "service_hall_hours",
    };

    public static IReadOnlySet<string> Live { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "area_name", "manager_name", "manager_phone", "manager_hours", "outage_list", "active_outage", "balance_line",
    };

    /// <summary>True for a local or live placeholder name.</summary>
    public static bool IsKnown(string name) => Local.Contains(name) || Live.Contains(name);
}
