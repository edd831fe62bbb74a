using Microsoft.Extensions.Options;

namespace GridService.Notifier.Audiences;

/// <summary>Whether and when one message goes to one recipient.</summary>
/// <param name="Send">False when the recipient opted out.</param>
/// <param name="NotBefore">Held until then (quiet hours), or null for now.</param>
public readonly record struct DeliveryDecision(bool Send, DateTimeOffset? NotBefore)
{
    /// <summary>Not sent: the recipient opted out.</summary>
    public static DeliveryDecision OptedOut => new(false, null);
}

/// <summary>
/// A recipient's preferences applied to one message: opt-outs (never for critical or mandatory notices), quiet
/// hours in the recipient's time zone (critical notices exempt; the rest wait for the window's end), and the
/// customer's preferred channel mapped to a configured outbound channel.
/// </summary>
public sealed class DeliveryRules(IOptions<AudienceOptions> options)
{
    private readonly AudienceOptions _options = options.Value;
    private readonly QuietHours _defaultQuietHours = options.Value.DefaultQuietHours;

    /// <summary>Decides for a private message to a customer.</summary>
    public DeliveryDecision Decide(Urgency urgency, RecipientPreferences? preferences, TimeZoneInfo zone, DateTimeOffset now)
    {
        if (urgency == Urgency.Critical) return new DeliveryDecision(true, null);
        if (urgency == Urgency.Normal && preferences?.OptedOut == true) return DeliveryDecision.OptedOut;
        return new DeliveryDecision(true, QuietHoursOf(preferences).DeferUntil(now, zone));
    }

    /// <summary>The recipient's quiet hours: their own when set, else the default.</summary>
    public QuietHours QuietHoursOf(RecipientPreferences? preferences) =>
        preferences?.QuietHours is { } own && QuietHours.TryParse(own, out var hours) ? hours : _defaultQuietHours;

    /// <summary>
    /// Where a private message to <paramref name="customer"/> goes: the preferred channel (preferences first, then the
    /// customer record) when it can reach them; a chat channel needs a bound chat id, so without one it falls back
    /// to SMS, which every customer has (the SMS sender looks the phone up by account, so no number sits in a queue).
    /// </summary>
    public Recipient RoutePrivate(Customer customer, RecipientPreferences? preferences, string timeZoneId)
    {
        ArgumentNullException.ThrowIfNull(customer);
        var preferred = (preferences?.Channel ?? customer.PreferredChannel).ToLowerInvariant();
        var chat = AudienceOptions.ChatChannels.Contains(preferred);
        if (chat && customer.ChatUserId is null) (preferred, chat) = ("sms", false);
        var channel = _options.Channels.TryGetValue(preferred, out var mapped) ? mapped : _options.Channels["sms"];
        return new Recipient(
            "c:" + customer.AccountNo, channel, "", chat ? customer.ChatUserId : customer.AccountNo, timeZoneId, customer.AreaId, customer.AccountNo);
    }
}
