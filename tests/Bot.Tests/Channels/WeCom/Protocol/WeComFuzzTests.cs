using System.Text;
using GridService.Bot.Channels.WeCom.Protocol;
using static GridService.Bot.Tests.Channels.WeCom.Protocol.WeComTestData;

namespace GridService.Bot.Tests.Channels.WeCom.Protocol;

/// <summary>
/// Mutated, truncated and random inputs into every parser and into decryption: each either succeeds or throws
/// <see cref="WeComCryptoException"/>, never another exception type. Seeds are fixed so failures reproduce.
/// </summary>
public sealed class WeComFuzzTests
{
    private const int Iterations = 3000;
    private const string Ts = "1700000000";
    private const string Nonce = "n1";

    private static readonly byte[][] Tokens =
    [
        "<"u8.ToArray(), ">"u8.ToArray(), "</xml>"u8.ToArray(), "]]>"u8.ToArray(), "<![CDATA["u8.ToArray(), "&"u8.ToArray(),
        "&#0;"u8.ToArray(), "<!DOCTYPE x [<!ENTITY a \"b\">]>"u8.ToArray(), "{"u8.ToArray(), "}"u8.ToArray(), "["u8.ToArray(),
        "\""u8.ToArray(), "\\u"u8.ToArray(), ":"u8.ToArray(), "null"u8.ToArray(), "1e999"u8.ToArray(), [0xFF], [0xC3], [0xED, 0xA0, 0x80],
        [0xEF, 0xBB, 0xBF], [0x00], "=="u8.ToArray(),
    ];

    [Fact]
    public void AppParseEnvelope_MutatedBodies_OnlyTypedException()
    {
        var seed = Encoding.UTF8.GetBytes($"<xml><ToUserName><![CDATA[{ReceiveIdA}]]></ToUserName><Encrypt><![CDATA[{A2Encrypt}]]></Encrypt><AgentID>218</AgentID></xml>");
        Run(1, seed, body => WeComAppCodec.ParseEnvelope(body));
    }

    [Fact]
    public void AppParseMessage_MutatedPlaintexts_OnlyTypedException()
    {
        Run(2, Encoding.UTF8.GetBytes(A2Plaintext), body => WeComAppCodec.ParseMessage(Lenient(body)));
    }

    [Fact]
    public void AiBotParseEnvelope_MutatedBodies_OnlyTypedException()
    {
        Run(3, Encoding.UTF8.GetBytes($$"""{"encrypt":"{{A2Encrypt}}"}"""), body => WeComAiBotCodec.ParseEnvelope(body));
    }

    [Fact]
    public void AiBotParseMessage_MutatedPlaintexts_OnlyTypedException()
    {
        const string Json = """
            {"msgid":"CAIQ","aibotid":"B","chatid":"C","chattype":"group","from":{"userid":"U"},"response_url":"https://x",
             "msgtype":"text","text":{"content":"@RobotA hello"},"quote":{"msgtype":"text","text":{"content":"q"}}}
            """;
        Run(4, Encoding.UTF8.GetBytes(Json), body => WeComAiBotCodec.ParseMessage(Lenient(body)));
    }

    [Fact]
    public void Decrypt_MutatedCiphertextsResigned_OnlyTypedException()
    {
        // Re-signed so every mutation reaches Base64, AES and the layout checks instead of stopping at the signature.
        var crypto = CryptoA();
        Run(5, Encoding.ASCII.GetBytes(A2Encrypt), body =>
        {
            var encrypted = Lenient(body);
            crypto.Decrypt(crypto.Sign(Ts, Nonce, encrypted), Ts, Nonce, encrypted);
        });
    }

    [Fact]
    public void Decrypt_MutatedCipherBytesResigned_OnlyTypedException()
    {
        var crypto = CryptoA();
        Run(6, Convert.FromBase64String(A2Encrypt), body =>
        {
            var encrypted = Convert.ToBase64String(body);
            crypto.Decrypt(crypto.Sign(Ts, Nonce, encrypted), Ts, Nonce, encrypted);
        });
    }

    [Fact]
    public void Decrypt_UnsignedMutations_FailSignature()
    {
        var crypto = CryptoA();
        Run(7, Encoding.ASCII.GetBytes(A2Encrypt), body =>
        {
            var encrypted = Lenient(body);
            if (encrypted == A2Encrypt) return;
            var ex = Assert.Throws<WeComCryptoException>(() => crypto.Decrypt(A2Signature, A2Timestamp, A2Nonce, encrypted));
            Assert.Equal(WeComError.ValidateSignature, ex.Error);
        });
    }

    [Fact]
    public void AiBotDecryptMessage_EncryptedMutatedPlaintexts_OnlyTypedException()
    {
        // Mutations of the plaintext, encrypted properly: exercises the inner parser behind real decryption.
        var bot = new WeComCrypto(TokenA, KeyA, "");
        Run(8, Encoding.UTF8.GetBytes("""{"msgid":"1","chattype":"group","from":{"userid":"U"},"msgtype":"text","text":{"content":"@a b"}}"""), body =>
        {
            var (encrypt, signature) = bot.Encrypt(Lenient(body), Ts, Nonce);
            WeComAiBotCodec.DecryptMessage(bot, Encoding.UTF8.GetBytes($$"""{"encrypt":"{{encrypt}}"}"""), signature, Ts, Nonce);
        });
    }

    private static string Lenient(byte[] bytes) => Encoding.UTF8.GetString(bytes);

    private static void Run(int seed, byte[] valid, Action<byte[]> target)
    {
        var random = new Random(seed);
        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(random, valid);
            try
            {
                target(input);
            }
            catch (WeComCryptoException)
            {
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                Assert.Fail($"Seed {seed}, iteration {i}: {ex.GetType().Name} leaked for input {Convert.ToBase64String(input)}: {ex}");
            }
        }
    }

    private static byte[] Mutate(Random random, byte[] valid)
    {
        var data = new List<byte>(valid);
        var rounds = random.Next(1, 4);
        for (var r = 0; r < rounds; r++)
        {
            switch (random.Next(8))
            {
                case 0 when data.Count > 0:
                    var at = random.Next(data.Count);
                    data[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    var keep = random.Next(data.Count + 1);
                    data.RemoveRange(keep, data.Count - keep);
                    break;
                case 2:
                    data.InsertRange(random.Next(data.Count + 1), Tokens[random.Next(Tokens.Length)]);
                    break;
                case 3 when data.Count > 0:
                    var from = random.Next(data.Count);
                    data.RemoveRange(from, random.Next(Math.Min(16, data.Count - from) + 1));
                    break;
                case 4:
                    var junk = new byte[random.Next(1, 32)];
                    random.NextBytes(junk);
                    data.InsertRange(random.Next(data.Count + 1), junk);
                    break;
                case 5 when data.Count > 0:
                    var start = random.Next(data.Count);
                    data.InsertRange(random.Next(data.Count + 1), data.GetRange(start, Math.Min(random.Next(1, 64), data.Count - start)));
                    break;
                case 6:
                    var noise = new byte[random.Next(0, 600)];
                    random.NextBytes(noise);
                    data = [.. noise];
                    break;
                default:
                    if (data.Count > 0) data[random.Next(data.Count)] = (byte)random.Next(256);
                    break;
            }
        }

        return [.. data];
    }
}
