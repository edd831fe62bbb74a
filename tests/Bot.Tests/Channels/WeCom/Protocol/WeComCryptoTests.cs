using System.Text.Json;
using System.Xml.Linq;
using GridService.Bot.Channels.WeCom.Protocol;
using static GridService.Bot.Tests.Channels.WeCom.Protocol.WeComTestData;

namespace GridService.Bot.Tests.Channels.WeCom.Protocol;

public sealed class WeComCryptoTests
{
    private const string Ts = "1700000000";
    private const string Nonce = "nonce123";

    private static WeComCryptoException Fails(Action action) => Assert.Throws<WeComCryptoException>(action);

    [Theory]
    [InlineData("")]
    [InlineData("hello")]
    [InlineData("<xml><Content><![CDATA[停电了吗？]]></Content></xml>")]
    [InlineData("exactly-twelve")] // 20 + 14 + 18 = 52: lands on pad 12
    [InlineData("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKL")] // 20 + 48 + 18 = 86 -> pad 10
    public void Encrypt_ThenDecrypt_ReturnsPlaintext(string plaintext)
    {
        var crypto = CryptoA();

        var (encrypted, signature) = crypto.Encrypt(plaintext, Ts, Nonce);

        Assert.Equal(0, Convert.FromBase64String(encrypted).Length % 32);
        Assert.Equal(crypto.Sign(Ts, Nonce, encrypted), signature);
        Assert.Equal(plaintext, crypto.Decrypt(signature, Ts, Nonce, encrypted));
    }

    [Fact]
    public void Encrypt_AllMessageLengthsOverTwoBlocks_PadsTo32AndRoundTrips()
    {
        // Covers every pad value 1..32, including 32 (a whole extra block) and 17..31 (beyond PKCS7's 16).
        var crypto = new WeComCrypto(TokenA, KeyA, "");
        var key = RawKey(KeyA);
        var pads = new HashSet<int>();
        for (var n = 0; n < 64; n++)
        {
            var text = new string('x', n);
            var (encrypted, signature) = crypto.Encrypt(text, Ts, Nonce);
            var cipher = Convert.FromBase64String(encrypted);
            using var aes = System.Security.Cryptography.Aes.Create();
            aes.Key = key;
            var plain = aes.DecryptCbc(cipher, key.AsSpan(0, 16), System.Security.Cryptography.PaddingMode.None);
            pads.Add(plain[^1]);

            Assert.Equal(0, cipher.Length % 32);
            Assert.Equal(text, crypto.Decrypt(signature, Ts, Nonce, encrypted));
        }

        Assert.Equal(Enumerable.Range(1, 32).ToHashSet(), pads);
    }

    [Fact]
    public void Encrypt_SamePlaintextTwice_UsesFreshRandomPrefix()
    {
        var crypto = CryptoA();

        Assert.NotEqual(crypto.Encrypt("same", Ts, Nonce).Encrypt, crypto.Encrypt("same", Ts, Nonce).Encrypt);
    }

    [Fact]
    public void Encrypt_WithEmptyReceiveId_DecryptsOnlyWithEmptyReceiveId()
    {
        var bot = new WeComCrypto(TokenA, KeyA, "");
        var (encrypted, signature) = bot.Encrypt("{\"msgid\":\"1\"}", Ts, Nonce);

        Assert.Equal("{\"msgid\":\"1\"}", bot.Decrypt(signature, Ts, Nonce, encrypted));
        Assert.Equal(WeComError.ValidateReceiveId, Fails(() => CryptoA().Decrypt(signature, Ts, Nonce, encrypted)).Error);
    }

    [Fact]
    public void Decrypt_WithEmptyReceiveIdButTrailingId_FailsReceiveId()
    {
        var (encrypted, signature) = CryptoA().Encrypt("hi", Ts, Nonce);

        var ex = Fails(() => new WeComCrypto(TokenA, KeyA, "").Decrypt(signature, Ts, Nonce, encrypted));

        Assert.Equal(WeComError.ValidateReceiveId, ex.Error);
        Assert.Equal(-40005, ex.Code);
    }

    [Fact]
    public void Decrypt_WrongReceiveId_FailsReceiveId()
    {
        var other = new WeComCrypto(TokenA, KeyA, "wx5823bf96d3bd56c8");

        var ex = Fails(() => other.Decrypt(A2Signature, A2Timestamp, A2Nonce, A2Encrypt));

        Assert.Equal(WeComError.ValidateReceiveId, ex.Error);
    }

    [Theory]
    [InlineData("477715d11cdb4164915debcba66cb864d751f3e7")] // last digit changed
    [InlineData("477715d11cdb4164915debcba66cb864d751f3e")] // truncated
    [InlineData("")]
    [InlineData("not-hex-not-hex-not-hex-not-hex-not-hex!")]
    public void Decrypt_WrongSignature_FailsSignature(string signature)
    {
        var ex = Fails(() => CryptoA().Decrypt(signature, A2Timestamp, A2Nonce, A2Encrypt));

        Assert.Equal(WeComError.ValidateSignature, ex.Error);
        Assert.Equal(-40001, ex.Code);
    }

    [Fact]
    public void Decrypt_UppercaseSignature_Accepted()
    {
        Assert.Equal(A2Plaintext, CryptoA().Decrypt(A2Signature.ToUpperInvariant(), A2Timestamp, A2Nonce, A2Encrypt));
    }

    [Fact]
    public void Decrypt_WrongToken_FailsSignature()
    {
        var ex = Fails(() => new WeComCrypto("QDG6eL", KeyA, ReceiveIdA).Decrypt(A2Signature, A2Timestamp, A2Nonce, A2Encrypt));

        Assert.Equal(WeComError.ValidateSignature, ex.Error);
    }

    [Fact]
    public void Decrypt_FlippedCiphertextBitWithOriginalSignature_FailsSignature()
    {
        var cipher = Convert.FromBase64String(A2Encrypt);
        cipher[100] ^= 0x01;

        var ex = Fails(() => CryptoA().Decrypt(A2Signature, A2Timestamp, A2Nonce, Convert.ToBase64String(cipher)));

        Assert.Equal(WeComError.ValidateSignature, ex.Error);
    }

    [Theory]
    [InlineData(0, WeComError.IllegalBuffer)] // CBC: flips the top byte of the length field in block 1
    [InlineData(-17, WeComError.DecryptAes)] // flips the pad byte: 30 becomes 31
    [InlineData(294, WeComError.ValidateReceiveId)] // flips plaintext byte 310, inside the ReceiveId (304..321)
    public void Decrypt_FlippedCiphertextBitResigned_FailsTyped(int index, WeComError expected)
    {
        // Someone holding the token could re-sign; the layout checks must still refuse, not return garbage.
        var crypto = CryptoA();
        var cipher = Convert.FromBase64String(A2Encrypt);
        cipher[index < 0 ? cipher.Length + index : index] ^= 0x01;
        var tampered = Convert.ToBase64String(cipher);

        var ex = Fails(() => crypto.Decrypt(crypto.Sign(A2Timestamp, A2Nonce, tampered), A2Timestamp, A2Nonce, tampered));

        Assert.Equal(expected, ex.Error);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(33)]
    [InlineData(255)]
    public void Decrypt_PadValueOutOfRange_FailsAes(int pad)
    {
        // 20 + 14 + 18 = 52 bytes; 12 filler bytes reach a 64-byte multiple, the last byte says the pad.
        var plain = Append(Layout("exactly-twelve", ReceiveIdA), [.. Enumerable.Repeat((byte)pad, 12)]);

        var ex = DecryptCrafted(plain);

        Assert.Equal(WeComError.DecryptAes, ex.Error);
        Assert.Equal(-40007, ex.Code);
    }

    [Fact]
    public void Decrypt_InconsistentPadBytes_FailsAes()
    {
        var plain = Pad32(Layout("exactly-twelve", ReceiveIdA)); // pad 12
        plain[^12] = 11;

        Assert.Equal(WeComError.DecryptAes, DecryptCrafted(plain).Error);
    }

    [Fact]
    public void Decrypt_PadLongerThanData_FailsAes()
    {
        // A single AES block whose pad byte claims 32 bytes.
        var plain = Enumerable.Repeat((byte)32, 16).ToArray();

        Assert.Equal(WeComError.DecryptAes, DecryptCrafted(plain).Error);
    }

    [Fact]
    public void Decrypt_CraftedValidPad32_Succeeds()
    {
        // Control for the crafted cases: the same construction with a correct pad decrypts.
        var plain = Pad32(Layout("exactly-twelve", ReceiveIdA));
        var encrypted = RawEncrypt(KeyA, plain);
        var crypto = CryptoA();

        Assert.Equal("exactly-twelve", crypto.Decrypt(crypto.Sign(Ts, Nonce, encrypted), Ts, Nonce, encrypted));
    }

    [Fact]
    public void Decrypt_LengthFieldBeyondData_FailsBuffer()
    {
        var plain = Pad32(Layout("hello", ReceiveIdA, lengthField: 5 + 18 + 1));

        var ex = DecryptCrafted(plain);

        Assert.Equal(WeComError.IllegalBuffer, ex.Error);
        Assert.Equal(-40008, ex.Code);
    }

    [Fact]
    public void Decrypt_LengthFieldHuge_FailsBuffer()
    {
        Assert.Equal(WeComError.IllegalBuffer, DecryptCrafted(Pad32(Layout("hello", ReceiveIdA, lengthField: uint.MaxValue))).Error);
    }

    [Fact]
    public void Decrypt_ShorterThanHeader_FailsBuffer()
    {
        // 16 random bytes, 2 bytes of length, then pad 14: 18 content bytes cannot hold the 20-byte header.
        var plain = Append(new byte[18], [.. Enumerable.Repeat((byte)14, 14)]);

        Assert.Equal(WeComError.IllegalBuffer, DecryptCrafted(plain).Error);
    }

    [Fact]
    public void Decrypt_MessageNotUtf8_FailsBuffer()
    {
        var plain = Layout("ab", ReceiveIdA);
        plain[20] = 0xC3; // a lead byte followed by 'b' is not UTF-8

        Assert.Equal(WeComError.IllegalBuffer, DecryptCrafted(Pad32(plain)).Error);
    }

    [Theory]
    [InlineData(4, WeComError.DecryptAes)] // a whole Base64 quantum short: 351 bytes, not whole AES blocks
    [InlineData(1, WeComError.DecodeBase64)]
    [InlineData(2, WeComError.DecodeBase64)]
    public void Decrypt_TruncatedBase64_FailsTyped(int cut, WeComError expected)
    {
        var crypto = CryptoA();
        var truncated = A2Encrypt[..^cut];

        var ex = Fails(() => crypto.Decrypt(crypto.Sign(A2Timestamp, A2Nonce, truncated), A2Timestamp, A2Nonce, truncated));

        Assert.Equal(expected, ex.Error);
    }

    [Fact]
    public void Decrypt_NotBase64_FailsBase64()
    {
        var crypto = CryptoA();
        const string Bad = "this is *not* base64!!";

        Assert.Equal(WeComError.DecodeBase64, Fails(() => crypto.Decrypt(crypto.Sign(Ts, Nonce, Bad), Ts, Nonce, Bad)).Error);
    }

    [Fact]
    public void Decrypt_EmptyCiphertext_FailsAes()
    {
        var crypto = CryptoA();

        Assert.Equal(WeComError.DecryptAes, Fails(() => crypto.Decrypt(crypto.Sign(Ts, Nonce, ""), Ts, Nonce, "")).Error);
    }

    [Fact]
    public void Decrypt_WithOtherKey_FailsTypedNeverGarbage()
    {
        var other = new WeComCrypto(TokenA, KeyB, ReceiveIdA);

        var ex = Fails(() => other.Decrypt(A2Signature, A2Timestamp, A2Nonce, A2Encrypt));

        Assert.Contains(ex.Error, new[] { WeComError.DecryptAes, WeComError.IllegalBuffer, WeComError.ValidateReceiveId });
    }

    [Theory]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2")] // 42 characters
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2CC")] // 44 characters
    [InlineData("")]
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B*C")] // not Base64
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B C")] // whitespace decodes short
    [InlineData("jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B=C")] // padding inside
    public void Constructor_BadKey_FailsIllegalAesKey(string key)
    {
        var ex = Fails(() => _ = new WeComCrypto(TokenA, key, ReceiveIdA));

        Assert.Equal(WeComError.IllegalAesKey, ex.Error);
        Assert.Equal(-40004, ex.Code);
        if (key.Length > 0) Assert.DoesNotContain(key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Decrypt_Failure_MessageHoldsNoSecrets()
    {
        var wrongId = new WeComCrypto(TokenA, KeyA, "someone-else");

        var ex = Fails(() => wrongId.Decrypt(A2Signature, A2Timestamp, A2Nonce, A2Encrypt));

        var text = ex.ToString();
        Assert.DoesNotContain("mycreate", text, StringComparison.Ordinal);
        Assert.DoesNotContain(KeyA, text, StringComparison.Ordinal);
        Assert.DoesNotContain(TokenA, text, StringComparison.Ordinal);
        Assert.DoesNotContain(ReceiveIdA, text, StringComparison.Ordinal);
    }

    [Fact]
    public void EncryptAppReply_ParsedBack_DecryptsToReply()
    {
        var crypto = CryptoA();
        const string Reply = "<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[已收到]]></Content></xml>";

        var xml = XElement.Parse(crypto.EncryptAppReply(Reply, Ts, Nonce));

        Assert.Equal("Encrypt,MsgSignature,TimeStamp,Nonce", string.Join(',', xml.Elements().Select(e => e.Name.LocalName)));
        Assert.Equal(Ts, (string?)xml.Element("TimeStamp"));
        Assert.Equal(Nonce, (string?)xml.Element("Nonce"));
        Assert.Equal(Reply, crypto.Decrypt((string)xml.Element("MsgSignature")!, Ts, Nonce, (string)xml.Element("Encrypt")!));
    }

    [Fact]
    public void EncryptAiBotReply_ParsedBack_DecryptsToReply()
    {
        var bot = new WeComCrypto(TokenA, KeyA, "");
        const string Reply = """{"msgtype":"markdown","markdown":{"content":"**停电**通知"}}""";

        using var json = JsonDocument.Parse(bot.EncryptAiBotReply(Reply, Ts, Nonce));
        var root = json.RootElement;

        Assert.Equal("encrypt,msgsignature,timestamp,nonce", string.Join(',', root.EnumerateObject().Select(p => p.Name)));
        Assert.Equal(Ts, root.GetProperty("timestamp").GetString());
        Assert.Equal(Nonce, root.GetProperty("nonce").GetString());
        Assert.Equal(Reply, bot.Decrypt(root.GetProperty("msgsignature").GetString()!, Ts, Nonce, root.GetProperty("encrypt").GetString()!));
    }

    private static WeComCryptoException DecryptCrafted(byte[] plain)
    {
        var encrypted = RawEncrypt(KeyA, plain);
        var crypto = CryptoA();
        return Fails(() => crypto.Decrypt(crypto.Sign(Ts, Nonce, encrypted), Ts, Nonce, encrypted));
    }
}
