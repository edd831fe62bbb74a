using System.Security.Cryptography;
using System.Text;
using GridService.Bot.Channels.WeCom.Protocol;
using static GridService.Bot.Tests.Channels.WeCom.Protocol.WeComTestData;

namespace GridService.Bot.Tests.Channels.WeCom.Protocol;

public sealed class WeComVectorTests
{
    [Fact]
    public void VerifyUrl_VectorA1_ReturnsPublishedEcho()
    {
        Assert.Equal("1616140317555161061", CryptoA().VerifyUrl(A1Signature, A1Timestamp, A1Nonce, A1Echo));
    }

    [Fact]
    public void VerifyUrl_VectorB1_ReturnsPublishedEcho()
    {
        Assert.Equal("1288432023552776189", CryptoB().VerifyUrl(B1Signature, B1Timestamp, B1Nonce, B1Echo));
    }

    [Fact]
    public void Decrypt_VectorA2WithPad30_ReturnsPublishedXml()
    {
        var xml = CryptoA().Decrypt(A2Signature, A2Timestamp, A2Nonce, A2Encrypt);

        Assert.Equal(A2Plaintext, xml);
        Assert.Equal(284, Encoding.UTF8.GetByteCount(xml));
    }

    [Fact]
    public void DecryptCbc_VectorA2WithBuiltInPkcs7_Throws()
    {
        // Why Decrypt strips the padding itself: .NET's PKCS7 mode pads to 16-byte blocks and rejects pad 30.
        var key = RawKey(KeyA);
        using var aes = Aes.Create();
        aes.Key = key;

        Assert.ThrowsAny<CryptographicException>(
            () => aes.DecryptCbc(Convert.FromBase64String(A2Encrypt), key.AsSpan(0, 16), PaddingMode.PKCS7));
    }

    [Fact]
    public void Decrypt_VectorB2_ReturnsPublishedXml()
    {
        Assert.Equal(B2Plaintext, CryptoB().Decrypt(B2Signature, B2Timestamp, B2Nonce, B2Encrypt));
    }

    [Theory]
    [InlineData(TokenA, KeyA, ReceiveIdA, A1Timestamp, A1Nonce, A1Echo, A1Signature)]
    [InlineData(TokenA, KeyA, ReceiveIdA, A2Timestamp, A2Nonce, A2Encrypt, A2Signature)]
    [InlineData(TokenB, KeyB, ReceiveIdB, B1Timestamp, B1Nonce, B1Echo, B1Signature)]
    [InlineData(TokenB, KeyB, ReceiveIdB, B2Timestamp, B2Nonce, B2Encrypt, B2Signature)]
    public void Sign_PublishedVectors_ReturnsPublishedSignature(
        string token, string key, string receiveId, string timestamp, string nonce, string encrypted, string signature)
    {
        Assert.Equal(signature, new WeComCrypto(token, key, receiveId).Sign(timestamp, nonce, encrypted));
    }

    [Fact]
    public void DecryptMessage_VectorA2Body_ParsesFields()
    {
        var body = Encoding.UTF8.GetBytes(
            $"<xml><ToUserName><![CDATA[{ReceiveIdA}]]></ToUserName><Encrypt><![CDATA[{A2Encrypt}]]></Encrypt><AgentID><![CDATA[218]]></AgentID></xml>");

        var message = WeComAppCodec.DecryptMessage(CryptoA(), body, A2Signature, A2Timestamp, A2Nonce);

        Assert.Equal(ReceiveIdA, message.ToUserName);
        Assert.Equal("mycreate", message.FromUserName);
        Assert.Equal(1409659813, message.CreateTime);
        Assert.Equal("text", message.MsgType);
        Assert.Equal("hello", message.Content);
        Assert.Equal("4561255354251345929", message.MsgId);
        Assert.Equal("218", message.AgentId);
        Assert.Null(message.Event);
        Assert.Equal("msg:4561255354251345929", message.DedupeKey);
    }

    [Fact]
    public void ParseMessage_VectorB2Plaintext_ParsesFields()
    {
        var message = WeComAppCodec.ParseMessage(CryptoB().Decrypt(B2Signature, B2Timestamp, B2Nonce, B2Encrypt));

        Assert.Equal(ReceiveIdB, message.ToUserName);
        Assert.Equal("ChenJiaShun", message.FromUserName);
        Assert.Equal(1476422779, message.CreateTime);
        Assert.Equal("text", message.MsgType);
        Assert.Equal("你好", message.Content);
        Assert.Equal("1456453720", message.MsgId);
        Assert.Equal("1000002", message.AgentId);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1476422779), message.SentAt);
    }

    [Fact]
    public void VerifyPlainSignature_OfficialAccountVector_ReturnsTrue()
    {
        Assert.True(WeComCrypto.VerifyPlainSignature("AAAAA", "1714036504", "1514711492", "f464b24fc39322e44b38aa78f5edd27bd1441696"));
    }

    [Theory]
    [InlineData("AAAAB", "1714036504", "1514711492", "f464b24fc39322e44b38aa78f5edd27bd1441696")]
    [InlineData("AAAAA", "1714036505", "1514711492", "f464b24fc39322e44b38aa78f5edd27bd1441696")]
    [InlineData("AAAAA", "1714036504", "1514711492", "f464b24fc39322e44b38aa78f5edd27bd1441697")]
    [InlineData("AAAAA", "1714036504", "1514711492", "f464b24fc39322e44b38aa78f5edd27bd144169")]
    [InlineData("AAAAA", "1714036504", "1514711492", "")]
    [InlineData("AAAAA", "1714036504", "1514711492", "zz64b24fc39322e44b38aa78f5edd27bd1441696")]
    public void VerifyPlainSignature_AnyPartWrong_ReturnsFalse(string token, string timestamp, string nonce, string signature)
    {
        Assert.False(WeComCrypto.VerifyPlainSignature(token, timestamp, nonce, signature));
    }
}
