using System.Globalization;
using System.Security;
using System.Text;

namespace GridService.Bot.Channels.WeCom.Protocol;

/// <summary>Parses self-built app callbacks (XML) and formats the encrypted reply. Pure functions, no I/O.</summary>
public static class WeComAppCodec
{
    private const long MaxUnixSeconds = 253_402_300_799; // 9999-12-31, the last second DateTimeOffset can hold

    private static readonly string[] EnvelopeNames = ["ToUserName", "Encrypt", "AgentID"];

    private static readonly string[] MessageNames =
        ["ToUserName", "FromUserName", "CreateTime", "MsgType", "Content", "MsgId", "AgentID", "Event"];

    /// <summary>Parses the outer POST body.</summary>
    /// <exception cref="WeComCryptoException">Too large, not UTF-8, malformed, or no Encrypt.</exception>
    public static WeComAppEnvelope ParseEnvelope(ReadOnlySpan<byte> body, int maxBodyBytes = WeComLimits.DefaultMaxBodyBytes)
    {
        var xml = Encoding.UTF8.GetString(WeComLimits.CheckBody(body, maxBodyBytes, WeComError.ParseXml));
        var values = new string?[EnvelopeNames.Length];
        WeComXml.ReadFlat(xml, maxBodyBytes, EnvelopeNames, values, sensitive: false);
        return new WeComAppEnvelope(WeComXml.Required(values[1], "Encrypt"), values[0], values[2]);
    }

    /// <summary>Parses a decrypted message or event.</summary>
    /// <exception cref="WeComCryptoException">Malformed, too large, or a required field missing or not a number.</exception>
    public static WeComAppMessage ParseMessage(string xml, int maxChars = WeComLimits.DefaultMaxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(xml);
        if (xml.Length > maxChars)
        {
            throw new WeComCryptoException(WeComError.IllegalBuffer, $"Message of {xml.Length} characters exceeds the limit of {maxChars}.");
        }

        var v = new string?[MessageNames.Length];
        WeComXml.ReadFlat(xml, maxChars, MessageNames, v, sensitive: true);

        var createTime = WeComXml.Required(v[2], "CreateTime");
        if (!long.TryParse(createTime, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > MaxUnixSeconds)
        {
            throw new WeComCryptoException(WeComError.ParseXml, "Element <CreateTime> is not a Unix time in seconds.");
        }

        return new WeComAppMessage(
            ToUserName: WeComXml.Required(v[0], "ToUserName"),
            FromUserName: WeComXml.Required(v[1], "FromUserName"),
            CreateTime: seconds,
            MsgType: WeComXml.Required(v[3], "MsgType"),
            Content: v[4],
            MsgId: string.IsNullOrEmpty(v[5]) ? null : v[5],
            AgentId: string.IsNullOrEmpty(v[6]) ? null : v[6],
            Event: string.IsNullOrEmpty(v[7]) ? null : v[7]);
    }

    /// <summary>Parses the POST body, verifies and decrypts it, and parses the message inside.</summary>
    /// <exception cref="WeComCryptoException">Any failure of size, parsing, signature or decryption.</exception>
    public static WeComAppMessage DecryptMessage(
        WeComCrypto crypto, ReadOnlySpan<byte> body, string msgSignature, string timestamp, string nonce,
        int maxBodyBytes = WeComLimits.DefaultMaxBodyBytes)
    {
        ArgumentNullException.ThrowIfNull(crypto);
        var envelope = ParseEnvelope(body, maxBodyBytes);
        return ParseMessage(crypto.Decrypt(msgSignature, timestamp, nonce, envelope.Encrypt), maxBodyBytes);
    }

    /// <summary>
    /// The passive reply body: <c>&lt;xml&gt;&lt;Encrypt/&gt;&lt;MsgSignature/&gt;&lt;TimeStamp/&gt;&lt;Nonce/&gt;&lt;/xml&gt;</c>
    /// in the layout of WeCom's samples (CDATA except the timestamp).
    /// </summary>
    public static string FormatReply(string encrypt, string msgSignature, string timestamp, string nonce)
    {
        ArgumentNullException.ThrowIfNull(encrypt);
        ArgumentNullException.ThrowIfNull(msgSignature);
        ArgumentNullException.ThrowIfNull(timestamp);
        ArgumentNullException.ThrowIfNull(nonce);
        return $"<xml><Encrypt>{CData(encrypt)}</Encrypt><MsgSignature>{CData(msgSignature)}</MsgSignature>"
            + $"<TimeStamp>{SecurityElement.Escape(timestamp)}</TimeStamp><Nonce>{CData(nonce)}</Nonce></xml>";
    }

    // "]]>" would end the section early; split it across two sections.
    private static string CData(string text) => "<![CDATA[" + text.Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal) + "]]>";
}
