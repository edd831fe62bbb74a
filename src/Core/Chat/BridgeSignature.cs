using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace GridService.Core.Chat;

/// <summary>
/// HMAC-SHA256 signatures of bridge bodies with a timestamp, so a captured request cannot be replayed later:
/// <c>X-GridService-Timestamp: &lt;Unix seconds&gt;</c> and <c>X-GridService-Signature: sha256=&lt;lowercase hex of
/// HMAC-SHA256(secret, timestamp + "." + body)&gt;</c>. The Bot verifies inbound bridge posts with it (a stale or
/// missing timestamp is refused) and the Notifier signs outbound webhooks with it, so a gateway needs one scheme for
/// both directions.
/// </summary>
public static class BridgeSignature
{
    /// <summary>Header carrying the signature.</summary>
    public const string Header = "X-GridService-Signature";

    /// <summary>Header carrying the Unix time (seconds) the request was signed at.</summary>
    public const string TimestampHeader = "X-GridService-Timestamp";

    /// <summary>The timestamp header value for <paramref name="at"/>.</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The signature header value for <paramref name="body"/> signed at <paramref name="timestamp"/>.</summary>
    public static string Sign(string secret, string timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(timestamp);
        Span<byte> mac = stackalloc byte[32];
        Compute(secret, timestamp, body, mac);
        return "sha256=" + Convert.ToHexStringLower(mac);
    }

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="body"/> at <paramref name="timestamp"/>; constant time.</summary>
    public static bool Verify(string secret, string? timestamp, ReadOnlySpan<byte> body, string? header)
    {
        ArgumentNullException.ThrowIfNull(secret);
        if (timestamp is null || header is null || !header.StartsWith("sha256=", StringComparison.Ordinal)) return false;
        Span<byte> given = stackalloc byte[32];
        if (header.Length != 7 + 64 || Convert.FromHexString(header.AsSpan(7), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        Compute(secret, timestamp, body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    /// <summary>True when <paramref name="timestamp"/> is Unix seconds within <paramref name="tolerance"/> of <paramref name="now"/>.</summary>
    public static bool IsFresh(string? timestamp, DateTimeOffset now, TimeSpan tolerance)
    {
        if (timestamp is not { Length: > 0 and <= 12 } || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) return false;
        return Math.Abs(now.ToUnixTimeSeconds() - seconds) <= tolerance.TotalSeconds;
    }

    private static void Compute(string secret, string timestamp, ReadOnlySpan<byte> body, Span<byte> mac)
    {
        var prefix = Encoding.UTF8.GetBytes(timestamp + ".");
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(prefix);
        hmac.AppendData(body);
        hmac.GetHashAndReset(mac);
    }
}
