namespace GridService.Bot.Channels.WeCom.Protocol;

/// <summary>
/// Why a WeCom callback was refused. The values are the error codes of WeCom's own WXBizMsgCrypt samples, so they
/// match what the platform's documentation and other implementations report.
/// </summary>
public enum WeComError
{
    /// <summary>The msg_signature does not match the token, timestamp, nonce and ciphertext.</summary>
    ValidateSignature = -40001,

    /// <summary>An XML body (outer envelope or decrypted message) is malformed, too large or lacks a field.</summary>
    ParseXml = -40002,

    /// <summary>A JSON body (智能机器人 envelope or decrypted message) is malformed, too large or lacks a field.</summary>
    /// <remarks>WeCom's SDKs use -40003 for "compute signature", which cannot fail here; the code is reused for JSON.</remarks>
    ParseJson = -40003,

    /// <summary>The EncodingAESKey is not 43 characters of Base64 decoding to 32 bytes.</summary>
    IllegalAesKey = -40004,

    /// <summary>The ReceiveId (CorpID, suite id, or empty for a 智能机器人) at the end of the plaintext is not ours.</summary>
    ValidateReceiveId = -40005,

    /// <summary>The ciphertext could not be decrypted, or its padding is invalid.</summary>
    DecryptAes = -40007,

    /// <summary>The decrypted layout is inconsistent (length field out of bounds, not UTF-8) or a body is too large.</summary>
    IllegalBuffer = -40008,

    /// <summary>The ciphertext is not valid Base64.</summary>
    DecodeBase64 = -40010,
}

/// <summary>
/// A WeCom callback failed verification, decryption or parsing. The message names what was wrong and where, and
/// never contains the plaintext, the key or the token.
/// </summary>
public sealed class WeComCryptoException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public WeComCryptoException(WeComError error, string message, Exception? innerException = null)
        : base($"{message} ({error} {(int)error})", innerException)
    {
        Error = error;
    }

    /// <summary>What went wrong.</summary>
    public WeComError Error { get; }

    /// <summary>The numeric WeCom error code, e.g. -40001.</summary>
    public int Code => (int)Error;
}
