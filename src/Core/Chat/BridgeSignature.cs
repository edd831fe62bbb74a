using System.Security.Cryptography;
using System.Text;

namespace GridService.Core.Chat;

/// <summary>
/// HMAC-SHA256 signatures of bridge bodies: <c>sha256=&lt;lowercase hex&gt;</c>. The Bot verifies inbound bridge posts with
/// it and the Notifier signs outbound webhooks with it, so a gateway needs one scheme for both directions.
/// </summary>
public static class BridgeSignature
{
    /// <summary>Header carrying the signature.</summary>
    public const string Header = "X-GridService-Signature";

    /// <summary>The header value for <paramref name="body"/>.</summary>
    public static string Sign(string secret, ReadOnlySpan<byte> body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));

    /// <summary>True when <paramref name="header"/> is the signature of <paramref name="body"/>; constant time.</summary>
    public static bool Verify(string secret, ReadOnlySpan<byte> body, string? header)
    {
        if (header is null || !header.StartsWith("sha256=", StringComparison.Ordinal)) return false;
        Span<byte> given = stackalloc byte[32];
        if (header.Length != 7 + 64 || Convert.FromHexString(header.AsSpan(7), given, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[32];
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body, expected);
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }
}
