using System.Text.RegularExpressions;

namespace GridService.Bot.Knowledge.Policy;

/// <summary>
/// The short line for a <c>none</c> addressed to the bot, so a newcomer's first try does not meet silence: a
/// greeting gets what the bot helps with, thanks get 不客气, another utility gets whom to ask. Acknowledgements,
/// chit-chat, adverts and anything refused for privacy get nothing. The pipeline only asks the engine about
/// messages addressed to the bot, so these never reach a group unasked.
/// </summary>
internal static partial class NoneReplies
{
    public const string Introduction = "您好，我是供电服务助手小电：交电费、查停电、报修、电表和业务办理的问题都可以@我，急事请拨95598（24小时）。";
    public const string Thanks = "不客气，有用电的问题随时@我。";

    private static readonly (Regex Pattern, string Reply)[] Utilities =
    [
        (Water(), "停水、水费的事请找当地自来水公司或物业，小电只管供电哦。"),
        (Gas(), "燃气的事请找当地燃气公司（漏气请先开窗、别开关电器，到室外拨打燃气公司抢修电话）。"),
        (Heating(), "供暖的事请找供热公司或物业，小电只管供电哦。"),
        (Telecom(), "宽带、电话和电视的事请找您的运营商：移动10086、联通10010、电信10000，有线电视找广电。"),
        (StreetLight(), "路灯一般归市政或物业管，可以拨打12345反映。"),
        (Property(), "物业费、停车、电梯和门禁的事请找物业或社区居委会。"),
    ];

    /// <summary>The line for <paramref name="withFiller"/> (normalised, polite words kept), or null for silence.</summary>
    public static string? For(string withFiller)
    {
        string compact = withFiller.Replace(" ", string.Empty, StringComparison.Ordinal);
        if (compact.Length == 0 || compact.Length > 40)
        {
            return null;
        }

        if (Thanked().IsMatch(compact) && Leftover(ThanksWords(), compact) <= 4)
        {
            return Thanks;
        }

        if (Greeted().IsMatch(compact) && Leftover(GreetingWords(), compact) <= 2)
        {
            return Introduction;
        }

        foreach (var (pattern, reply) in Utilities)
        {
            if (pattern.IsMatch(compact))
            {
                return reply;
            }
        }

        return null;
    }

    // What is left once the polite words and particles are gone: "谢谢小电" leaves little, "谢谢，电费怎么交" a question.
    private static int Leftover(Regex words, string compact) => Particles().Replace(words.Replace(compact, string.Empty), string.Empty).Length;

    [GeneratedRegex("谢|感谢|多谢|辛苦|麻烦你了|麻烦您了|thank|thx|3q")]
    private static partial Regex Thanked();

    [GeneratedRegex("谢谢你们|谢谢您|谢谢你|谢谢了|谢谢啦|谢谢|谢了|感谢|多谢|辛苦了|辛苦|麻烦你了|麻烦您了|thanks|thank you|thank|thx|3q|小电|经理|师傅|好的|好滴|收到|明白了|知道了|懂了")]
    private static partial Regex ThanksWords();

    [GeneratedRegex("你好|您好|在吗|在不在|有人吗|有人在吗|hello|hi|嗨|哈喽|哈啰|早上好|上午好|中午好|下午好|晚上好|早安|早|大家好|小电|机器人|你是谁|你能干啥|你能干什么|你会什么|你能做什么")]
    private static partial Regex Greeted();

    [GeneratedRegex("你好|您好|在吗|在不在|有人吗|有人在吗|hello|hi|嗨|哈喽|哈啰|早上好|上午好|中午好|下午好|晚上好|早安|早|大家好|小电|机器人|你是谁|你能干啥|你能干什么|你会什么|你能做什么|请问|呀|啊")]
    private static partial Regex GreetingWords();

    [GeneratedRegex("[啊呀呢吧嘛哇哦噢喔咧嘞啦哈唉诶哎呗了的哈]")]
    private static partial Regex Particles();

    [GeneratedRegex("停水|来水|没水|水费|自来水|水管|水表|水压|水龙头|漏水")]
    private static partial Regex Water();

    [GeneratedRegex("燃气|煤气|天然气|液化气")]
    private static partial Regex Gas();

    [GeneratedRegex("暖气|供暖|取暖费|热力|地暖不热")]
    private static partial Regex Heating();

    [GeneratedRegex("宽带|网络|网速|wifi|光猫|路由器|移动公司|联通|电信|话费|流量|手机信号|有线电视|机顶盒|iptv|电视信号|网费")]
    private static partial Regex Telecom();

    [GeneratedRegex("路灯")]
    private static partial Regex StreetLight();

    [GeneratedRegex("物业费|停车|电梯|门禁")]
    private static partial Regex Property();
}
