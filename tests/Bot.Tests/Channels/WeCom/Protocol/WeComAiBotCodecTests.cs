using System.Text;
using System.Text.Json;
using GridService.Bot.Channels.WeCom.Protocol;
using static GridService.Bot.Tests.Channels.WeCom.Protocol.WeComTestData;

namespace GridService.Bot.Tests.Channels.WeCom.Protocol;

public sealed class WeComAiBotCodecTests
{
    private const string Ts = "1700000000";
    private const string Nonce = "n1";

    private const string GroupText = """
        {"msgid":"CAIQ16HMjQYY","aibotid":"AIBOTID","chatid":"CHATID","chattype":"group","from":{"userid":"USERID"},
         "response_url":"https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC","msgtype":"text",
         "text":{"content":"@RobotA hello"},"quote":{"msgtype":"text","text":{"content":"停电通知"}}}
        """;

    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static WeComError ErrorOf(Action action) => Assert.Throws<WeComCryptoException>(action).Error;

    private static WeComAiBotMessage Group(string content) =>
        new("m", "b", "c", "group", "u", null, "text", content, null);

    [Fact]
    public void ParseMessage_GroupText_ReadsAllFields()
    {
        var message = WeComAiBotCodec.ParseMessage(GroupText);

        Assert.Equal(
            new WeComAiBotMessage("CAIQ16HMjQYY", "AIBOTID", "CHATID", "group", "USERID",
                "https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code=RC", "text", "@RobotA hello", "停电通知"),
            message);
        Assert.True(message.IsGroup);
        Assert.True(message.MentionsBot);
        Assert.Equal("hello", message.Text);
    }

    [Fact]
    public void ParseMessage_SingleChat_NoMentionAndTextUnchanged()
    {
        const string Json = """{"msgid":"1","aibotid":"B","chattype":"single","from":{"userid":"U"},"msgtype":"text","text":{"content":"@home 停电了吗"}}""";

        var message = WeComAiBotCodec.ParseMessage(Json);

        Assert.False(message.MentionsBot);
        Assert.Null(message.ChatId);
        Assert.Null(message.QuoteContent);
        Assert.Equal("@home 停电了吗", message.Text);
    }

    [Fact]
    public void ParseMessage_ImageMessage_HasNoContent()
    {
        const string Json = """{"msgid":"1","aibotid":"B","chatid":"C","chattype":"group","from":{"userid":"U"},"msgtype":"image","image":{"url":"https://x"}}""";

        var message = WeComAiBotCodec.ParseMessage(Json);

        Assert.Equal("image", message.MsgType);
        Assert.Null(message.Content);
        Assert.Equal("", message.Text);
    }

    [Theory]
    [InlineData("@RobotA hello", null, "hello")]
    [InlineData("@RobotA\u2005查电费", null, "查电费")] // WeCom puts U+2005 after a mention
    [InlineData("@RobotA", null, "")]
    [InlineData("  @RobotA   hello world ", null, "hello world ")]
    [InlineData("hello @RobotA", null, "hello @RobotA")] // not leading: unchanged
    [InlineData("@电力 小助手 停电了吗", "电力 小助手", "停电了吗")] // a name with a space needs the name
    [InlineData("@电力 小助手 停电了吗", null, "小助手 停电了吗")]
    [InlineData("@RobotAB hi", "RobotA", "@RobotAB hi")] // a longer name is someone else
    [InlineData("@张三 hi", "RobotA", "@张三 hi")]
    [InlineData("", null, "")]
    public void StripLeadingMention_Cases_RemovesOnlyTheMention(string text, string? botName, string expected)
    {
        Assert.Equal(expected, WeComAiBotMessage.StripLeadingMention(text, botName));
    }

    [Fact]
    public void TextWithoutMention_GroupWithBotName_StripsExactName()
    {
        Assert.Equal("查电费", Group("@电力 小助手 查电费").TextWithoutMention("电力 小助手"));
    }

    [Theory]
    [InlineData("""{"aibotid":"B","from":{"userid":"U"},"msgtype":"text"}""")] // no msgid
    [InlineData("""{"msgid":"1","from":{"userid":"U"}}""")] // no msgtype
    [InlineData("""{"msgid":"1","msgtype":"text"}""")] // no from
    [InlineData("""{"msgid":"1","msgtype":"text","from":{}}""")] // no userid
    [InlineData("""{"msgid":1,"msgtype":"text","from":{"userid":"U"}}""")] // wrong type
    [InlineData("""{"msgid":"1","msgtype":"text","from":"U"}""")] // wrong type
    [InlineData("""{"msgid":"1","msgtype":"text","from":{"userid":"U"},"text":"hi"}""")] // wrong type
    [InlineData("""{"msgid":"1","msgid":"2","msgtype":"text","from":{"userid":"U"}}""")] // duplicate
    [InlineData("""[{"msgid":"1"}]""")]
    [InlineData("null")]
    [InlineData("")]
    [InlineData("<xml/>")]
    [InlineData("""{"msgid":"1",""")]
    public void ParseMessage_Malformed_FailsParseJson(string json)
    {
        Assert.Equal(WeComError.ParseJson, ErrorOf(() => WeComAiBotCodec.ParseMessage(json)));
    }

    [Fact]
    public void ParseMessage_LoneSurrogate_FailsParseJson()
    {
        const string Json = "{\"msgid\":\"1\",\"msgtype\":\"text\",\"from\":{\"userid\":\"U\uD800\"}}";

        Assert.Equal(WeComError.ParseJson, ErrorOf(() => WeComAiBotCodec.ParseMessage(Json)));
    }

    [Fact]
    public void ParseMessage_DeepNesting_FailsParseJson()
    {
        var json = """{"msgid":"1","msgtype":"text","from":{"userid":"U"},"x":""" + new string('[', 100) + new string(']', 100) + "}";

        Assert.Equal(WeComError.ParseJson, ErrorOf(() => WeComAiBotCodec.ParseMessage(json)));
    }

    [Fact]
    public void ParseMessage_WrongTypeInSecretContent_MessageDoesNotQuoteIt()
    {
        // System.Text.Json quotes a bad literal in its message: "'tru1234567890}' is an invalid JSON literal".
        const string Json = """{"msgid":"1","msgtype":"text","from":{"userid":"U"},"text":{"content":tru1234567890}}""";

        var ex = Assert.Throws<WeComCryptoException>(() => WeComAiBotCodec.ParseMessage(Json));

        Assert.DoesNotContain("1234567890", ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void ParseEnvelope_Valid_ReturnsEncrypt()
    {
        Assert.Equal("abc+/=", WeComAiBotCodec.ParseEnvelope(Utf8("\uFEFF{\"encrypt\":\"abc+/=\",\"other\":1}")));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"encrypt":""}""")]
    [InlineData("""{"encrypt":null}""")]
    [InlineData("""{"encrypt":5}""")]
    [InlineData("""{"Encrypt2":"abc"}""")]
    [InlineData("""{"encrypt":"abc"} trailing""")]
    [InlineData("<xml><Encrypt>abc</Encrypt></xml>")]
    [InlineData("")]
    public void ParseEnvelope_Malformed_FailsParseJson(string body)
    {
        Assert.Equal(WeComError.ParseJson, ErrorOf(() => WeComAiBotCodec.ParseEnvelope(Utf8(body))));
    }

    [Fact]
    public void ParseEnvelope_InvalidUtf8_FailsParseJson()
    {
        byte[] body = [.. Utf8("{\"encrypt\":\""), 0xC0, 0xAF, .. Utf8("\"}")];

        Assert.Equal(WeComError.ParseJson, ErrorOf(() => WeComAiBotCodec.ParseEnvelope(body)));
    }

    [Fact]
    public void ParseEnvelope_OverLimit_FailsBuffer()
    {
        var body = Utf8("{\"encrypt\":\"" + new string('A', WeComLimits.DefaultMaxBodyBytes) + "\"}");

        Assert.Equal(WeComError.IllegalBuffer, ErrorOf(() => WeComAiBotCodec.ParseEnvelope(body)));
        Assert.Equal(WeComLimits.DefaultMaxBodyBytes, WeComAiBotCodec.ParseEnvelope(body, body.Length).Length);
    }

    [Fact]
    public void DecryptMessage_EncryptedCallbackWithEmptyReceiveId_RoundTrips()
    {
        var bot = new WeComCrypto(TokenA, KeyA, "");
        var (encrypt, signature) = bot.Encrypt(GroupText, Ts, Nonce);
        var body = Utf8(EnvelopeBody(encrypt));

        var message = WeComAiBotCodec.DecryptMessage(bot, body, signature, Ts, Nonce);

        Assert.Equal(WeComAiBotCodec.ParseMessage(GroupText), message);
        Assert.Equal("hello", message.Text);
    }

    [Fact]
    public void DecryptMessage_EncryptedForCorpReceiveId_FailsReceiveId()
    {
        var (encrypt, signature) = CryptoA().Encrypt(GroupText, Ts, Nonce);
        var bot = new WeComCrypto(TokenA, KeyA, "");

        Assert.Equal(WeComError.ValidateReceiveId, ErrorOf(() => WeComAiBotCodec.DecryptMessage(bot, Utf8(EnvelopeBody(encrypt)), signature, Ts, Nonce)));
    }

    [Fact]
    public void FormatReply_Fields_AreJsonStringsInOrder()
    {
        using var json = JsonDocument.Parse(WeComAiBotCodec.FormatReply("ZW5j+/=", "abc", "1700000000", "n\"1"));

        Assert.Equal(
            "encrypt=ZW5j+/=|msgsignature=abc|timestamp=1700000000|nonce=n\"1",
            string.Join('|', json.RootElement.EnumerateObject().Select(p => $"{p.Name}={p.Value.GetString()}")));
    }

    private static string EnvelopeBody(string encrypt) => $$"""{"encrypt":"{{encrypt}}"}""";
}
