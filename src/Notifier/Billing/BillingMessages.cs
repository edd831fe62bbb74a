using GridService.Notifier.Audiences;
using GridService.Core.Templates;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Billing;

/// <summary>
/// Renders one billing message for one customer and decides its delivery: the tone policy, late fee, the kind of
/// premises and service hall go into the model; the customer's preferences decide channel, opt-out and quiet hours.
/// </summary>
public sealed class BillingMessages(TemplateRenderer renderer, BillingPolicy policy, DeliveryRules rules, IOptions<BillingOptions> options)
{
    /// <summary>The template of the disconnection notice.</summary>
    public const string DisconnectionTemplate = "arrears-disconnection";

    private readonly BillingOptions _options = options.Value;

    /// <summary>The delivery-report id shared by one stage's messages for one period (e.g. <c>billing:2026-10:reminder-2</c>).</summary>
    public static string RunId(string period, string stage) => $"billing:{period}:{stage}";

    /// <summary>The template model of <paramref name="bill"/> for <paramref name="customer"/> at <paramref name="now"/>.</summary>
    public BillingModel Model(Customer customer, Bill bill, AreaStaff area, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(area);
        var lateFee = LateFees.Accrued(bill, Zones.LocalDate(now, area.Zone), _options.LateFeeDailyRate);
        return BillingModel.From(customer, bill, area.Area, area.Manager) with
        {
            Gentle = policy.IsGentle(customer),
            LateFee = lateFee > 0 ? lateFee : null,
            ServiceHall = _options.ServiceHall,
        };
    }

    /// <summary>
    /// The message of <paramref name="stage"/> (rendered from <paramref name="template"/>) for one bill, or null when the
    /// customer opted out of it; its id is the (account, period, stage) idempotency key. Throws when the record cannot
    /// be rendered (the caller keeps the failure and goes on with the other bills).
    /// </summary>
    public OutboundMessage? Compose(
        string stage, string template, Customer customer, BillingModel model, AreaStaff area, RecipientPreferences? preferences,
        Urgency urgency, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(area);
        var decision = rules.Decide(urgency, preferences, area.Zone, now);
        if (!decision.Send) return null;
        var recipient = rules.RoutePrivate(customer, preferences, area.Area.TimeZone);
        if (template == DisconnectionTemplate) model = model with { AsksReceipt = recipient.RecipientId != customer.AccountNo };
        var text = renderer.Render(template, model);
        return new OutboundMessage(ReminderStage.MessageId(customer.AccountNo, model.Period, stage), recipient.Channel, "", recipient.RecipientId,
            text, template, null, Critical: urgency == Urgency.Critical, now, NoticeId: RunId(model.Period, stage), NotBefore: decision.NotBefore);
    }

    /// <summary>
    /// What the message of <paramref name="stage"/> would be addressed as, without its text: the record of a message
    /// deliberately not produced (opt-out) or one that could not be rendered.
    /// </summary>
    public OutboundMessage Envelope(string stage, string template, Customer customer, string period, RecipientPreferences? preferences, string timeZoneId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var recipient = rules.RoutePrivate(customer, preferences, timeZoneId);
        return new OutboundMessage(ReminderStage.MessageId(customer.AccountNo, period, stage), recipient.Channel, "", recipient.RecipientId,
            "", template, null, Critical: false, now, NoticeId: RunId(period, stage));
    }
}
