namespace GridService.Notifier.Audiences;

/// <summary>Where one message goes: a group post or a private message.</summary>
/// <param name="Key">Stable key inside a message id: <c>g:{groupId}</c> or <c>c:{accountNo}</c>.</param>
/// <param name="Channel">Outbound channel name.</param>
/// <param name="GroupId">The group, or empty for a private message.</param>
/// <param name="RecipientId">Chat id or account number for a private message.</param>
/// <param name="TimeZoneId">The recipient's area time zone, for quiet hours.</param>
/// <param name="AreaId">The area whose manager and name the message shows.</param>
/// <param name="AccountNo">The customer's account, for private messages.</param>
public sealed record Recipient(string Key, string Channel, string GroupId, string? RecipientId, string TimeZoneId, string AreaId, string? AccountNo = null)
{
    /// <summary>True for a group post.</summary>
    public bool IsGroup => GroupId.Length > 0;

    /// <summary>Parses a key written by <see cref="Key"/> back into its kind and id.</summary>
    public static (bool IsGroup, string Id) ParseKey(string key) =>
        key.StartsWith("g:", StringComparison.Ordinal) ? (true, key[2..]) : (false, key.StartsWith("c:", StringComparison.Ordinal) ? key[2..] : key);
}
