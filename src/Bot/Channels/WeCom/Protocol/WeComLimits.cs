using System.Text;
using System.Text.Unicode;

namespace GridService.Bot.Channels.WeCom.Protocol;

/// <summary>Size limits for callback bodies.</summary>
public static class WeComLimits
{
    /// <summary>Default largest callback body accepted: 64 KiB. WeCom text messages are far smaller.</summary>
    public const int DefaultMaxBodyBytes = 64 * 1024;

    /// <summary>UTF-8 that throws on invalid bytes instead of substituting U+FFFD.</summary>
    internal static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// Checks the size and encoding of a raw body and drops a UTF-8 byte order mark; <paramref name="parseError"/>
    /// is reported for bytes that are not UTF-8.
    /// </summary>
    internal static ReadOnlySpan<byte> CheckBody(ReadOnlySpan<byte> body, int maxBodyBytes, WeComError parseError)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBodyBytes);
        if (body.Length > maxBodyBytes)
        {
            throw new WeComCryptoException(WeComError.IllegalBuffer, $"Body of {body.Length} bytes exceeds the limit of {maxBodyBytes}.");
        }

        if (body.StartsWith("\uFEFF"u8)) body = body[3..];
        if (body.IsEmpty) throw new WeComCryptoException(parseError, "Body is empty.");
        if (!Utf8.IsValid(body)) throw new WeComCryptoException(parseError, "Body is not valid UTF-8.");
        return body;
    }
}
