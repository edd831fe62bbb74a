namespace GridService.Notifier.Audiences;

/// <summary>What a customer asked for about messages to them.</summary>
/// <param name="OptedOut">No non-critical private messages (reminders); critical notices still come.</param>
/// <param name="QuietHours">Their own quiet hours (<c>22:00-07:00</c>, or <c>off</c>); null for the default.</param>
/// <param name="Channel">Their channel (sms, wecom, bridge, simulator), overriding the customer record; null to keep it.</param>
public sealed record RecipientPreferences(bool OptedOut = false, string? QuietHours = null, string? Channel = null);
