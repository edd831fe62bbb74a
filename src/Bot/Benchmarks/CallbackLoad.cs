using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GridService.Bot.Channels.WeCom.Protocol;

namespace GridService.Bot.Benchmarks;

/// <summary>One prepared callback: the signed URL and the encrypted body, built before the clock starts.</summary>
internal sealed record PreparedCallback(string Url, byte[] Body);

/// <summary>
/// Builds realistic AI-bot group @-messages for the benchmark: customers' questions from the sample county's three
/// groups (bound customers and strangers), each with its own msgid and response_url, encrypted and signed as WeCom does.
/// </summary>
internal static class CallbackLoad
{
    public const string BotName = "bench";

    // (chat id, group id, sample customers' chat ids)
    public static readonly (string ChatId, string GroupId, string Prefix)[] Chats =
    [
        ("wrk-bench-xfl", "grp-xingfuli", "u-xfl-"), ("wrk-bench-ll", "grp-liulin", "u-ll-"), ("wrk-bench-sm", "grp-shimen", "u-sm-"),
    ];

    internal static readonly string[] Questions =
    [
        "交个电费还得跑营业厅吗，手机上能弄不", "支付宝里头能缴电费不？", "户号是几位数的 去哪翻", "这个月电费咋比上个月翻了一倍，家里也没多用啥",
        "阶梯电价第二档从多少度开始算", "谷电是几点到几点", "滞纳金咋算的？", "单位报销要电费发票，在哪开", "费控表余额不足了会直接断电吗",
        "钱都充进去半天了咋还是没电", "家里突然没电了 邻居家都有电", "一开电磁炉就跳闸咋回事", "报修了师傅大概多长时间能到",
        "我家电费余额还剩多少啊", "电费在哪里交", "卧室插座坏了，你们管修不",
    ];

    /// <summary>A fresh Token and EncodingAESKey for one run.</summary>
    public static (string Token, string Key) NewSecrets() =>
        ("Bench" + Convert.ToHexString(RandomNumberGenerator.GetBytes(8)), Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('='));

    /// <summary><paramref name="count"/> callbacks signed with <paramref name="crypto"/>, ids starting at <paramref name="first"/>.</summary>
    public static PreparedCallback[] Prepare(WeComCrypto crypto, string runId, int first, int count, TimeProvider time)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var callbacks = new PreparedCallback[count];
        for (var n = 0; n < count; n++)
        {
            var i = first + n;
            var (chatId, _, prefix) = Chats[i % Chats.Length];
            // Two in three senders are sample customers (bound accounts), the rest strangers.
            var user = i % 3 == 2 ? $"wx-guest-{i % 500}" : prefix + ((i / 3 % 5) + 1).ToString("000", CultureInfo.InvariantCulture);
            var json = JsonSerializer.Serialize(new Dictionary<string, object?>
            {
                ["msgid"] = $"{runId}-{i}",
                ["aibotid"] = "AIBOT-BENCH",
                ["chatid"] = chatId,
                ["chattype"] = "group",
                ["from"] = new Dictionary<string, string> { ["userid"] = user },
                ["response_url"] = $"https://qyapi.weixin.qq.com/cgi-bin/aibot/response?response_code={runId}-{i}",
                ["msgtype"] = "text",
                ["text"] = new Dictionary<string, string> { ["content"] = "@" + BotName + " " + Questions[i % Questions.Length] },
            });
            var nonce = i.ToString(CultureInfo.InvariantCulture);
            var (encrypt, signature) = crypto.Encrypt(json, timestamp, nonce);
            callbacks[n] = new PreparedCallback(
                $"/wecom/aibot/{BotName}?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}",
                Encoding.UTF8.GetBytes("{\"encrypt\":\"" + encrypt + "\"}"));
        }

        return callbacks;
    }
}
