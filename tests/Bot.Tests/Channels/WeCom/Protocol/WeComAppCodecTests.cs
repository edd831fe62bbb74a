using System.Text;
using System.Xml.Linq;
using GridService.Bot.Channels.WeCom.Protocol;
using static GridService.Bot.Tests.Channels.WeCom.Protocol.WeComTestData;

namespace GridService.Bot.Tests.Channels.WeCom.Protocol;

public sealed class WeComAppCodecTests
{
    private const string Ts = "1700000000";
    private const string Nonce = "n1";

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static WeComError ErrorOf(Action action) => Assert.Throws<WeComCryptoException>(action).Error;

    [Fact]
    public void ParseEnvelope_OfficialLayout_ReadsAllFields()
    {
        var body = Utf8("<xml><ToUserName><![CDATA[ww1436e0e65a779aee]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID>"
            + "<Encrypt><![CDATA[abc+/=]]></Encrypt></xml>");

        var envelope = WeComAppCodec.ParseEnvelope(body);

        Assert.Equal(new WeComAppEnvelope("abc+/=", "ww1436e0e65a779aee", "1000002"), envelope);
    }

    [Fact]
    public void ParseEnvelope_WithBomDeclarationAndUnknownNestedElements_ReadsEncrypt()
    {
        var body = Utf8("\uFEFF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<xml>\n  <!-- c -->\n  <Extra><Deep><Er>1</Er></Deep></Extra>\n  <Encrypt>abc</Encrypt>\n</xml>\n");

        Assert.Equal(new WeComAppEnvelope("abc", null, null), WeComAppCodec.ParseEnvelope(body));
    }

    [Theory]
    [InlineData("<xml><ToUserName>x</ToUserName></xml>")] // no Encrypt
    [InlineData("<xml><Encrypt></Encrypt></xml>")] // empty Encrypt
    [InlineData("<xml/>")]
    [InlineData("<root><Encrypt>abc</Encrypt></root>")] // wrong root
    [InlineData("<xml><Encrypt>abc</Encrypt>")] // unclosed
    [InlineData("<xml><Encrypt>abc</Encrypt></xml><xml/>")] // two roots
    [InlineData("<xml><Encrypt>abc</Encrypt></xml>trailing")]
    [InlineData("<xml><Encrypt>a</Encrypt><Encrypt>b</Encrypt></xml>")] // duplicate
    [InlineData("<xml><Encrypt><b>nested</b></Encrypt></xml>")]
    [InlineData("<xml>text<Encrypt>abc</Encrypt></xml>")]
    [InlineData("{\"encrypt\":\"abc\"}")] // JSON, not XML
    [InlineData("   ")]
    public void ParseEnvelope_Malformed_FailsParseXml(string body)
    {
        Assert.Equal(WeComError.ParseXml, ErrorOf(() => WeComAppCodec.ParseEnvelope(Utf8(body))));
    }

    [Fact]
    public void ParseEnvelope_Empty_FailsParseXml()
    {
        Assert.Equal(WeComError.ParseXml, ErrorOf(() => WeComAppCodec.ParseEnvelope([])));
    }

    [Fact]
    public void ParseEnvelope_InternalEntityDtd_IsRefusedNotExpanded()
    {
        // A parser that processed DTDs would return "abc" here (and expand billion-laughs the same way).
        const string Body = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e \"abc\">]><xml><Encrypt>&e;</Encrypt></xml>";

        Assert.Equal(WeComError.ParseXml, ErrorOf(() => WeComAppCodec.ParseEnvelope(Utf8(Body))));
    }

    [Fact]
    public void ParseEnvelope_ExternalEntityDtd_IsRefused()
    {
        // XXE and billion-laughs both need a DTD; it must be refused outright.
        const string Body = "<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&e;</Encrypt></xml>";

        var ex = Assert.Throws<WeComCryptoException>(() => WeComAppCodec.ParseEnvelope(Utf8(Body)));

        Assert.Equal(WeComError.ParseXml, ex.Error);
        Assert.DoesNotContain("root:", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseEnvelope_InvalidUtf8_FailsParseXml()
    {
        byte[] body = [.. Utf8("<xml><Encrypt>"), 0xFF, 0xFE, .. Utf8("</Encrypt></xml>")];

        Assert.Equal(WeComError.ParseXml, ErrorOf(() => WeComAppCodec.ParseEnvelope(body)));
    }

    [Fact]
    public void ParseEnvelope_GbkBytes_FailsParseXml()
    {
        // "你好" in GBK is C4 E3 BA C3: not UTF-8, whatever the declaration says.
        byte[] body = [.. Utf8("<?xml version=\"1.0\" encoding=\"gbk\"?><xml><Encrypt>"), 0xC4, 0xE3, 0xBA, 0xC3, .. Utf8("</Encrypt></xml>")];

        Assert.Equal(WeComError.ParseXml, ErrorOf(() => WeComAppCodec.ParseEnvelope(body)));
    }

    [Fact]
    public void ParseEnvelope_OverDefaultLimit_FailsBuffer()
    {
        var body = Utf8("<xml><Encrypt>" + new string('A', WeComLimits.DefaultMaxBodyBytes) + "</Encrypt></xml>");

        Assert.Equal(WeComError.IllegalBuffer, ErrorOf(() => WeComAppCodec.ParseEnvelope(body)));
    }

    [Fact]
    public void ParseEnvelope_ConfiguredLimit_Applies()
    {
        var body = Utf8("<xml><Encrypt>" + new string('A', 200) + "</Encrypt></xml>");

        Assert.Equal(WeComError.IllegalBuffer, ErrorOf(() => WeComAppCodec.ParseEnvelope(body, maxBodyBytes: 100)));
        Assert.Equal(200, WeComAppCodec.ParseEnvelope(body, maxBodyBytes: 300).Encrypt.Length);
    }

    [Fact]
    public void ParseMessage_Event_HasNoMsgIdAndDedupesOnSenderAndTime()
    {
        const string Xml = "<xml><ToUserName><![CDATA[ww1]]></ToUserName><FromUserName><![CDATA[zhangsan]]></FromUserName>"
            + "<CreateTime>1700000123</CreateTime><MsgType><![CDATA[event]]></MsgType><Event><![CDATA[enter_agent]]></Event>"
            + "<EventKey><![CDATA[]]></EventKey><AgentID>1000002</AgentID></xml>";

        var message = WeComAppCodec.ParseMessage(Xml);

        Assert.True(message.IsEvent);
        Assert.Equal("enter_agent", message.Event);
        Assert.Null(message.MsgId);
        Assert.Null(message.Content);
        Assert.Equal("evt:zhangsan:1700000123", message.DedupeKey);
        Assert.NotEqual(message.DedupeKey, (message with { CreateTime = 1700000124 }).DedupeKey);
    }

    [Fact]
    public void ParseMessage_EventWithNestedInfo_SkipsIt()
    {
        const string Xml = "<xml><ToUserName>ww1</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime>"
            + "<MsgType>event</MsgType><Event>scancode_push</Event><ScanCodeInfo><ScanType>qrcode</ScanType><ScanResult>1</ScanResult></ScanCodeInfo></xml>";

        Assert.Equal("scancode_push", WeComAppCodec.ParseMessage(Xml).Event);
    }

    [Fact]
    public void ParseMessage_EscapedContent_IsUnescaped()
    {
        const string Xml = "<xml><ToUserName>ww1</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime>"
            + "<MsgType>text</MsgType><Content>a &lt;b&gt; &amp; c</Content><MsgId>9</MsgId></xml>";

        Assert.Equal("a <b> & c", WeComAppCodec.ParseMessage(Xml).Content);
    }

    [Theory]
    [InlineData("FromUserName")]
    [InlineData("ToUserName")]
    [InlineData("CreateTime")]
    [InlineData("MsgType")]
    public void ParseMessage_RequiredFieldMissing_FailsParseXml(string field)
    {
        var fields = new Dictionary<string, string>
        {
            ["ToUserName"] = "ww1", ["FromUserName"] = "u", ["CreateTime"] = "1", ["MsgType"] = "text",
        };
        fields.Remove(field);
        var xml = "<xml>" + string.Concat(fields.Select(f => $"<{f.Key}>{f.Value}</{f.Key}>")) + "</xml>";

        var ex = Assert.Throws<WeComCryptoException>(() => WeComAppCodec.ParseMessage(xml));

        Assert.Equal(WeComError.ParseXml, ex.Error);
        Assert.Contains(field, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    [InlineData("253402300800")]
    public void ParseMessage_CreateTimeNotUnixSeconds_FailsParseXml(string createTime)
    {
        var xml = $"<xml><ToUserName>ww1</ToUserName><FromUserName>u</FromUserName><CreateTime>{createTime}</CreateTime><MsgType>text</MsgType></xml>";

        Assert.Equal(WeComError.ParseXml, ErrorOf(() => WeComAppCodec.ParseMessage(xml)));
    }

    [Fact]
    public void ParseMessage_MalformedSecretContent_MessageDoesNotQuoteIt()
    {
        const string Xml = "<xml><ToUserName>ww1</ToUserName><Content>账户 1234567890 密码</Contnet></xml>";

        var ex = Assert.Throws<WeComCryptoException>(() => WeComAppCodec.ParseMessage(Xml));

        Assert.Equal(WeComError.ParseXml, ex.Error);
        Assert.DoesNotContain("Contnet", ex.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("1234567890", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseMessage_LoneSurrogate_FailsParseXml()
    {
        const string Xml = "<xml><ToUserName>ww1</ToUserName><FromUserName>u\uD800</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType></xml>";

        Assert.Equal(WeComError.ParseXml, ErrorOf(() => WeComAppCodec.ParseMessage(Xml)));
    }

    [Fact]
    public void ParseMessage_OverLimit_FailsBuffer()
    {
        var xml = "<xml><ToUserName>ww1</ToUserName><FromUserName>u</FromUserName><CreateTime>1</CreateTime><MsgType>text</MsgType><Content>"
            + new string('x', 500) + "</Content></xml>";

        Assert.Equal(WeComError.IllegalBuffer, ErrorOf(() => WeComAppCodec.ParseMessage(xml, maxChars: 256)));
    }

    [Fact]
    public void FormatReply_CDataTerminatorInNonce_StaysWellFormed()
    {
        var xml = XElement.Parse(WeComAppCodec.FormatReply("ZW5j", "abc", "1<2", "a]]>b"));

        Assert.Equal("a]]>b", (string?)xml.Element("Nonce"));
        Assert.Equal("1<2", (string?)xml.Element("TimeStamp"));
    }

    [Fact]
    public void DecryptMessage_EncryptedRoundTrip_ParsesInnerMessage()
    {
        var crypto = CryptoA();
        const string Inner = "<xml><ToUserName><![CDATA[wx5823bf96d3bd56c7]]></ToUserName><FromUserName><![CDATA[lisi]]></FromUserName>"
            + "<CreateTime>1700000000</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[停电了吗]]></Content>"
            + "<MsgId>123</MsgId><AgentID>5</AgentID></xml>";
        var (encrypt, signature) = crypto.Encrypt(Inner, Ts, Nonce);
        var body = Utf8($"<xml><ToUserName><![CDATA[{ReceiveIdA}]]></ToUserName><Encrypt><![CDATA[{encrypt}]]></Encrypt><AgentID>5</AgentID></xml>");

        var message = WeComAppCodec.DecryptMessage(crypto, body, signature, Ts, Nonce);

        Assert.Equal(new WeComAppMessage(ReceiveIdA, "lisi", 1700000000, "text", "停电了吗", "123", "5", null), message);
    }

    [Fact]
    public void DecryptMessage_BadSignature_FailsBeforeParsingInner()
    {
        var body = Utf8($"<xml><Encrypt>{A2Encrypt}</Encrypt></xml>");

        Assert.Equal(WeComError.ValidateSignature, ErrorOf(() => WeComAppCodec.DecryptMessage(CryptoA(), body, B2Signature, A2Timestamp, A2Nonce)));
    }
}
