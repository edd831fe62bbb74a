using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GridService.Bot.Channels.WeCom.Protocol;

namespace GridService.Bot.Tests.Channels.WeCom;

/// <summary>
/// Crafts callbacks as WeCom sends them, for one bot or app: fresh keys, the signed query, the encrypted body.
/// </summary>
internal sealed class WeComCallbacks
{
    private int _nonce = 1000;

    public WeComCallbacks(string path, string receiveId = "", string? token = null, string? key = null)
    {
        Path = path;
        Token = token ?? "Tok" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        Key = key ?? Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=');
        Crypto = new WeComCrypto(Token, Key, receiveId);
    }

    /// <summary>The endpoint, e.g. <c>/wecom/aibot/grid</c>.</summary>
    public string Path { get; }

    public string Token { get; }

    public string Key { get; }

    public WeComCrypto Crypto { get; }

    /// <summary>The clock the timestamps come from (the host's).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    public string Timestamp() => Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public string Nonce() => Interlocked.Increment(ref _nonce).ToString(CultureInfo.InvariantCulture);

    /// <summary>A signed POST of <paramref name="plaintext"/> (JSON for an AI bot, XML for an app).</summary>
    public SignedCallback Post(string plaintext, string? timestamp = null)
    {
        timestamp ??= Timestamp();
        var nonce = Nonce();
        var (encrypt, signature) = Crypto.Encrypt(plaintext, timestamp, nonce);
        var body = Path.Contains("/aibot/", StringComparison.Ordinal)
            ? JsonSerializer.Serialize(new Dictionary<string, string> { ["encrypt"] = encrypt })
            : $"<xml><ToUserName><![CDATA[corp]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>";
        return new SignedCallback(Query(signature, timestamp, nonce), Encoding.UTF8.GetBytes(body), encrypt);
    }

    /// <summary>A signed GET URL check whose echostr decrypts to <paramref name="echo"/>; the echostr is escaped as WeCom does.</summary>
    public (string Url, string Echostr) Verify(string echo)
    {
        var timestamp = Timestamp();
        var nonce = Nonce();
        var (echostr, signature) = Crypto.Encrypt(echo, timestamp, nonce);
        return (Query(signature, timestamp, nonce) + "&echostr=" + Uri.EscapeDataString(echostr), echostr);
    }

    public string Query(string signature, string timestamp, string nonce) =>
        $"{Path}?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}";

    /// <summary>An AI-bot group @-message as WeCom's callback JSON.</summary>
    public static string AiBotText(string msgId, string? chatId, string userId, string content, string? responseUrl) =>
        JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["msgid"] = msgId,
            ["aibotid"] = "AIBOTID",
            ["chatid"] = chatId,
            ["chattype"] = chatId is null ? "single" : "group",
            ["from"] = new Dictionary<string, string> { ["userid"] = userId },
            ["response_url"] = responseUrl,
            ["msgtype"] = "text",
            ["text"] = new Dictionary<string, string> { ["content"] = content },
        });

    /// <summary>A self-built app's text message as WeCom's decrypted XML.</summary>
    public static string AppText(string corpId, string from, long createTime, string content, string msgId) =>
        $"<xml><ToUserName><![CDATA[{corpId}]]></ToUserName><FromUserName><![CDATA[{from}]]></FromUserName>"
        + $"<CreateTime>{createTime}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content>"
        + $"<MsgId>{msgId}</MsgId><AgentID>1000002</AgentID></xml>";
}

/// <summary>A signed callback: the URL (path and query) and the body.</summary>
internal sealed record SignedCallback(string Url, byte[] Body, string Encrypt)
{
    public async Task<HttpResponseMessage> SendAsync(HttpClient http)
    {
        using var content = new ByteArrayContent(Body);
        content.Headers.ContentType = new MediaTypeHeaderValue(Url.Contains("/aibot/", StringComparison.Ordinal) ? "application/json" : "text/xml");
        return await http.PostAsync(Url, content);
    }
}
