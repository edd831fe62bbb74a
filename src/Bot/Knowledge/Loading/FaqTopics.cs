namespace GridService.Bot.Knowledge;

/// <summary>
/// Every topic id of faq-topics.md. Loading fails when one has no entry, so a topic cannot silently drop out.
/// </summary>
public static class FaqTopics
{
    public static IReadOnlyList<string> All { get; } =
    [
        "billing.pay-channels", "billing.account-number", "billing.balance-query", "billing.high-bill",
        "billing.tiered-pricing", "billing.tou-pricing", "billing.late-fee", "billing.invoice",
        "billing.prepaid-smart-meter", "billing.payment-not-restored", "billing.arrears-disconnection",
        "billing.landlord-overcharge", "billing.autopay", "billing.reminder-subscribe",
        "outage.planned-query", "outage.current-status", "outage.notice-rules",
        "repair.home-self-check", "repair.tripping", "repair.household-wiring", "repair.arrival-time",
        "repair.appliance-damage",
        "meter.calibration", "meter.reading-mismatch", "meter.indicator-lights", "meter.ownership",
        "business.new-connection", "business.capacity-increase", "business.transfer", "business.ev-charger",
        "business.solar-pv", "business.temporary-power", "business.multi-person-household",
        "service.contact", "service.complaint-channels", "service.safety-tips", "service.energy-saving",
    ];
}
