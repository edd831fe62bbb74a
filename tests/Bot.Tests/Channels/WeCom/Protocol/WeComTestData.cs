using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using GridService.Bot.Channels.WeCom.Protocol;

namespace GridService.Bot.Tests.Channels.WeCom.Protocol;

/// <summary>The published vectors of /work/shared/wecom-protocol.md and helpers to craft ciphertexts by hand.</summary>
internal static class WeComTestData
{
    // Vector A: weworkapi_golang json_callback/sample.go (also SKIT unit tests).
    public const string TokenA = "QDG6eK";
    public const string KeyA = "jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C";
    public const string ReceiveIdA = "wx5823bf96d3bd56c7";

    public const string A1Signature = "5c45ff5e21c57e6ad56bac8758b79b1d9ac89fd3";
    public const string A1Timestamp = "1409659589";
    public const string A1Nonce = "263014780";
    public const string A1Echo = "P9nAzCzyDtyTWESHep1vC5X9xho/qYX3Zpb4yKa9SKld1DsH3Iyt3tP3zNdtp+4RPcs8TgAE7OaBO+FZXvnaqQ==";

    public const string A2Signature = "477715d11cdb4164915debcba66cb864d751f3e6";
    public const string A2Timestamp = "1409659813";
    public const string A2Nonce = "1372623149";
    public const string A2Encrypt = "RypEvHKD8QQKFhvQ6QleEB4J58tiPdvo+rtK1I9qca6aM/wvqnLSV5zEPeusUiX5L5X/0lWfrf0QADHHhGd3QczcdCUpj911L3vg3W/sYYvuJTs3TUUkSUXxaccAS0qhxchrRYt66wiSpGLYL42aM6A8dTT+6k4aSknmPj48kzJs8qLjvd4Xgpue06DOdnLxAUHzM6+kDZ+HMZfJYuR+LtwGc2hgf5gsijff0ekUNXZiqATP7PF5mZxZ3Izoun1s4zG4LUMnvw2r+KqCKIw+3IQH03v+BCA9nMELNqbSf6tiWSrXJB3LAVGUcallcrw8V2t9EL4EhzJWrQUax5wLVMNS0+rUPA3k22Ncx4XXZS9o0MBH27Bo6BpNelZpS+/uh9KsNlY6bHCmJU9p8g7m3fVKn28H3KDYA5Pl/T8Z1ptDAVe0lXdQ2YoyyH2uyPIGHBZZIs2pDBS8R07+qN+E7Q==";
    public const string A2Plaintext =
        "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName>\n"
        + "<FromUserName><![CDATA[mycreate]]></FromUserName>\n"
        + "<CreateTime>1409659813</CreateTime>\n"
        + "<MsgType><![CDATA[text]]></MsgType>\n"
        + "<Content><![CDATA[hello]]></Content>\n"
        + "<MsgId>4561255354251345929</MsgId>\n"
        + "<AgentID>218</AgentID>\n"
        + "</xml>";

    // Vector B: sbzhu/weworkapi_python callback/Sample.py.
    public const string TokenB = "hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo";
    public const string KeyB = "6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt";
    public const string ReceiveIdB = "ww1436e0e65a779aee";

    public const string B1Signature = "012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb";
    public const string B1Timestamp = "1476416373";
    public const string B1Nonce = "47744683";
    public const string B1Echo = "fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==";

    public const string B2Signature = "0c3914025cb4b4d68103f6bfc8db550f79dcf48e";
    public const string B2Timestamp = "1476422779";
    public const string B2Nonce = "1597212914";
    public const string B2Encrypt = "Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+";
    public const string B2Plaintext =
        "<xml><ToUserName>ww1436e0e65a779aee</ToUserName><FromUserName>ChenJiaShun</FromUserName>"
        + "<CreateTime>1476422779</CreateTime><MsgType>text</MsgType><Content>你好</Content>"
        + "<MsgId>1456453720</MsgId><AgentID>1000002</AgentID></xml>";

    public static WeComCrypto CryptoA() => new(TokenA, KeyA, ReceiveIdA);

    public static WeComCrypto CryptoB() => new(TokenB, KeyB, ReceiveIdB);

    public static byte[] RawKey(string encodingAesKey) => Convert.FromBase64String(encodingAesKey + "=");

    /// <summary>AES-256-CBC (IV = key[0..16]) of exactly <paramref name="plain"/>, no padding added, as Base64.</summary>
    public static string RawEncrypt(string encodingAesKey, byte[] plain)
    {
        var key = RawKey(encodingAesKey);
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>random(16) + big-endian length + message + receiveId, before padding.</summary>
    public static byte[] Layout(string message, string receiveId, uint? lengthField = null)
    {
        var msg = Encoding.UTF8.GetBytes(message);
        var id = Encoding.UTF8.GetBytes(receiveId);
        var buffer = new byte[20 + msg.Length + id.Length];
        RandomNumberGenerator.Fill(buffer.AsSpan(0, 16));
        BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(16, 4), lengthField ?? (uint)msg.Length);
        msg.CopyTo(buffer, 20);
        id.CopyTo(buffer, 20 + msg.Length);
        return buffer;
    }

    /// <summary><paramref name="data"/> followed by <paramref name="padBytes"/>.</summary>
    public static byte[] Append(byte[] data, params byte[] padBytes) => [.. data, .. padBytes];

    /// <summary>Correct PKCS#7 padding to a 32-byte multiple.</summary>
    public static byte[] Pad32(byte[] data)
    {
        var pad = 32 - (data.Length % 32);
        return Append(data, Enumerable.Repeat((byte)pad, pad).ToArray());
    }
}
