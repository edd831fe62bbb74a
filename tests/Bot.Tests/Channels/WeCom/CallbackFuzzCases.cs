using System.Text;
using GridService.Bot.Channels.WeCom.Protocol;

namespace GridService.Bot.Tests.Channels.WeCom;

/// <summary>One hostile request: what it is (for the failure message), where it goes, and its body (null for a GET).</summary>
internal sealed record FuzzCase(string Name, string Url, byte[]? Body, bool Chunked = false);

/// <summary>
/// Deterministic hostile input for one endpoint, built from genuine callbacks: truncated, bit-flipped, padded,
/// re-encoded and oversized bodies; bodies signed correctly around broken ciphertexts and broken plaintexts; and
/// query strings with parameters missing, empty, duplicated, mangled or stale. None of them may be accepted.
/// </summary>
internal sealed class CallbackFuzzCases(WeComCallbacks endpoint, Func<int, string> validPlaintext, Random random)
{
    // Left out: whitespace, which JSON and XML allow between tokens, and '\', which before a '/' in the Base64 makes
    // the escape "\/" — the same string. Either could leave a body valid.
    private static readonly byte[] NoisyBytes =
        [.. Enumerable.Range(0, 256).Select(b => (byte)b).Where(b => b is not (0x20 or 0x09 or 0x0A or 0x0D or 0x5C))];

    private bool IsAiBot => endpoint.Path.Contains("/aibot/", StringComparison.Ordinal);

    public IEnumerable<FuzzCase> Bodies(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var genuine = endpoint.Post(validPlaintext(i));

            // Only the signed part: an app envelope's ToUserName and AgentID are not signed, so a flipped byte there
            // leaves a genuine callback.
            var body = Envelope(genuine.Encrypt);
            yield return (i % 12) switch
            {
                0 => new FuzzCase("truncated", genuine.Url, body[..random.Next(body.Length)]),
                1 => new FuzzCase("byte flipped", genuine.Url, Flip(body)),
                2 => new FuzzCase("byte inserted", genuine.Url, Insert(body)),
                3 => new FuzzCase("random bytes", genuine.Url, RandomBytes(random.Next(0, 400))),
                4 => new FuzzCase("invalid UTF-8", genuine.Url, Splice(body, [0xC3, 0x28, 0xFF, 0xFE])),
                5 => new FuzzCase("UTF-16", genuine.Url, Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(body))),
                6 => new FuzzCase("wrong shape", genuine.Url, Encoding.UTF8.GetBytes(WrongShapes[random.Next(WrongShapes.Length)](genuine.Encrypt))),
                7 => SignedAround(genuine, BrokenCiphertexts[random.Next(BrokenCiphertexts.Length)](genuine.Encrypt), "signed broken ciphertext"),
                8 => SignedPlaintext(BrokenPlaintexts[random.Next(BrokenPlaintexts.Length)], "signed broken plaintext"),
                9 => new FuzzCase("oversized", genuine.Url, Oversized(), Chunked: random.Next(2) == 0),
                10 => new FuzzCase("mangled query", MangleQuery(genuine.Url), body),
                _ => new FuzzCase("other's ciphertext", genuine.Url, Envelope(endpoint.Post(validPlaintext(i + 1_000_000)).Encrypt)),
            };
        }
    }

    /// <summary>URL checks with bad queries; each must be refused.</summary>
    public IEnumerable<FuzzCase> Verifications(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var (url, echostr) = endpoint.Verify("echo-" + i);
            var q = url.IndexOf('?', StringComparison.Ordinal);
            var path = url[..q];
            yield return (i % 6) switch
            {
                0 => new FuzzCase("mangled query", MangleQuery(url), null),
                1 => new FuzzCase("echostr truncated", path + url[q..].Replace(Uri.EscapeDataString(echostr), Uri.EscapeDataString(echostr[..random.Next(echostr.Length)]), StringComparison.Ordinal), null),
                2 => new FuzzCase("echostr flipped", path + url[q..].Replace(Uri.EscapeDataString(echostr), Uri.EscapeDataString(FlipChar(echostr)), StringComparison.Ordinal), null),
                3 => new FuzzCase("echostr duplicated", url + "&echostr=" + Uri.EscapeDataString(echostr), null),
                4 => new FuzzCase("echostr percent garbage", url + "%ZZ%", null),
                _ => new FuzzCase("echostr re-signed garbage", Resigned(path, Garbage()), null),
            };
        }
    }

    private FuzzCase SignedAround(SignedCallback genuine, string encrypt, string name)
    {
        var timestamp = endpoint.Timestamp();
        var nonce = endpoint.Nonce();
        var signature = endpoint.Crypto.Sign(timestamp, nonce, encrypt);
        return new FuzzCase(name, endpoint.Query(signature, timestamp, nonce), Envelope(encrypt));
    }

    private FuzzCase SignedPlaintext(string plaintext, string name)
    {
        var genuine = endpoint.Post(plaintext);
        return new FuzzCase(name, genuine.Url, genuine.Body);
    }

    private string Resigned(string path, string echostr)
    {
        var timestamp = endpoint.Timestamp();
        var nonce = endpoint.Nonce();
        return $"{path}?msg_signature={endpoint.Crypto.Sign(timestamp, nonce, echostr)}&timestamp={timestamp}&nonce={nonce}&echostr={Uri.EscapeDataString(echostr)}";
    }

    private byte[] Envelope(string encrypt) => Encoding.UTF8.GetBytes(IsAiBot
        ? "{\"encrypt\":" + System.Text.Json.JsonSerializer.Serialize(encrypt) + "}"
        : "<xml><Encrypt><![CDATA[" + encrypt + "]]></Encrypt></xml>");

    private string MangleQuery(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        var path = url[..q];
        var pairs = url[(q + 1)..].Split('&').ToList();
        var victim = random.Next(pairs.Count);
        var name = pairs[victim][..pairs[victim].IndexOf('=', StringComparison.Ordinal)];
        switch (random.Next(8))
        {
            case 0: pairs.RemoveAt(victim); break;
            case 1: pairs[victim] = name + "="; break;
            case 2: pairs.Add(pairs[victim]); break;
            case 3: pairs[victim] = name; break;
            case 4: pairs[victim] = name + "=" + new string('9', 2000); break;
            case 5: pairs[victim] = name + "=%E4%B8%AD%ZZ%"; break;
            case 6: pairs = [.. pairs.Where(p => !p.StartsWith("timestamp=", StringComparison.Ordinal)), "timestamp=-5"]; break;
            default: pairs = [.. pairs.Where(p => !p.StartsWith("timestamp=", StringComparison.Ordinal)), "timestamp=1409659589"]; break;
        }

        return path + "?" + string.Join('&', pairs);
    }

    private byte[] Flip(byte[] body)
    {
        var copy = (byte[])body.Clone();
        if (copy.Length == 0) return [0xFF];
        copy[random.Next(copy.Length)] ^= (byte)random.Next(1, 256);
        return copy;
    }

    private byte[] Insert(byte[] body) => Splice(body, [NoisyBytes[random.Next(NoisyBytes.Length)]]);

    private byte[] Splice(byte[] body, byte[] insert)
    {
        var at = random.Next(body.Length + 1);
        return [.. body[..at], .. insert, .. body[at..]];
    }

    private byte[] RandomBytes(int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private string FlipChar(string text)
    {
        var chars = text.ToCharArray();
        var at = random.Next(chars.Length);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new string(chars);
    }

    private string Garbage() => random.Next(3) switch
    {
        0 => Convert.ToBase64String(RandomBytes(random.Next(1, 5) * 16)),
        1 => "not base64 at all!",
        _ => Convert.ToBase64String(RandomBytes(17)),
    };

    private byte[] Oversized()
    {
        var size = WeComLimits.DefaultMaxBodyBytes + 1 + random.Next(200_000);
        return IsAiBot
            ? Encoding.UTF8.GetBytes("{\"encrypt\":\"" + new string('A', size) + "\"}")
            : Encoding.UTF8.GetBytes("<xml><Encrypt>" + new string('A', size) + "</Encrypt></xml>");
    }

    private Func<string, string>[] WrongShapes => IsAiBot
        ?
        [
            e => "{\"encrypt\":123}", e => "{\"encrypt\":null}", e => "[]", e => "\"" + e + "\"", e => "{}", e => "null",
            e => "{\"encrypt\":\"" + e + "\"} trailing", e => "{\"encrypt\":\"" + e + "\",\"encrypt\":\"" + e + "\"}",
            e => new string('[', 5000) + new string(']', 5000), e => "{\"encrypt\":[\"" + e + "\"]}", e => "<xml><Encrypt>" + e + "</Encrypt></xml>",
            e => "{\"encrypt\":\"" + e[..^2] + "\\ud800\"}",
        ]
        :
        [
            e => "<xml></xml>", e => "<xml><Encrypt/></xml>", e => "<xml><Encrypt>" + e + "</Encrypt><Encrypt>" + e + "</Encrypt></xml>",
            e => "<!DOCTYPE xml [<!ENTITY x \"y\">]><xml><Encrypt>" + e + "</Encrypt></xml>", e => "<other><Encrypt>" + e + "</Encrypt></other>",
            e => "<xml><Encrypt>" + e + "</Encrypt></xml><xml/>", e => "{\"encrypt\":\"" + e + "\"}", e => "<xml><Encrypt>" + e,
            e => new string('<', 3000), e => "<xml><Encrypt>&x;" + e + "</Encrypt></xml>",
        ];

    private Func<string, string>[] BrokenCiphertexts =>
    [
        e => e[..^4], e => e + "AAAA", e => "*" + e[1..], e => Convert.ToBase64String(RandomBytes(random.Next(1, 20) * 16)),
        e => Convert.ToBase64String(RandomBytes(random.Next(1, 100))), e => "", e => "====",
    ];

    private string[] BrokenPlaintexts => IsAiBot
        ?
        [
            "", "not json", "{}", "[]", "{\"msgid\":\"x\"}", "{\"msgid\":7,\"from\":{\"userid\":\"u\"},\"msgtype\":\"text\"}",
            "{\"msgid\":\"x\",\"from\":\"u\",\"msgtype\":\"text\"}", "{\"msgid\":\"x\",\"from\":{\"userid\":\"u\"}}",
            "{\"msgid\":\"x\",\"from\":{\"userid\":\"u\"},\"msgtype\":\"text\",\"text\":{\"content\":\"a\"}", "null",
            "{\"msgid\":\"\",\"from\":{\"userid\":\"u\"},\"msgtype\":\"text\"}",
        ]
        :
        [
            "", "not xml", "<xml></xml>", "<xml><ToUserName>c</ToUserName></xml>",
            "<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>soon</CreateTime><MsgType>text</MsgType></xml>",
            "<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>99999999999999999999</CreateTime><MsgType>text</MsgType></xml>",
            "<xml><ToUserName>c</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType>",
            "<!DOCTYPE x [<!ENTITY a \"b\">]><xml/>",
        ];
}
