using System.Text.RegularExpressions;
using GridService.Bot.Knowledge.Rules;

namespace GridService.Bot.Knowledge.Policy;

/// <summary>
/// Attempts to get at the bot's instructions or at other people's data: <c>none</c> whatever the model thinks, for
/// the learned engine. A group opener ("群里有人知道…", "各位邻居好，…") addresses the neighbours, not their
/// data, so it is taken off before the check; the rules engine read such openers as requests for others' data and
/// dropped ordinary questions.
/// </summary>
internal static partial class PrivacyPolicy
{
    /// <summary><c>injection</c>, <c>others-data</c> or null.</summary>
    public static string? Match(string t)
    {
        string rest = Opener().Replace(t, " ").Trim();
        if (rest.Length == 0 || NotForBotRule.MatchPrivacy(rest) is not { } kind)
        {
            return null;
        }

        // Asking for one's family, about one's own tenancy, for our staff's contact, about what the group was told
        // or whether one may post one's own number: the asker's own business, not a stranger's data. Nor is a report
        // of one's own supply that compares it with the neighbours' ("我家没电 邻居都有 余额也查了").
        return kind == "others-data" && (OwnBusiness().IsMatch(rest) || OwnSupply().IsMatch(rest)) ? null : kind;
    }

    [GeneratedRegex("(我家|我们家|俺家|咱家|家里|我这|我屋)[^，,。？?！! ]{0,6}(没电|没有电|停电|断电|跳闸|跳了|闸推不上|推不上)")]
    private static partial Regex OwnSupply();

    [GeneratedRegex("(我|俺|咱)(家)?的?(妈|爸|母亲|父亲|老母亲|老父亲|老妈|老爸|奶奶|爷爷|外婆|外公|姥姥|姥爷|婆婆|公公|岳父|岳母|丈母娘|老伴|老公|老婆|媳妇|儿子|女儿|闺女|孩子|爹|娘|哥|姐|弟|妹|舅|姨|姑|叔|婶)|老母亲|老父亲|父母|爸妈|帮(我)?(奶奶|爷爷|外婆|外公|姥姥|妈|爸|老人)|房东|租客|房客|前任|上一家|上家|原房主|前房主|上一任|经理|电工|师傅|客服|网格员|供电所|群里(说|发|讲|通知|的通知)|按(照)?群里|发(到|在)?群里|被别人|怕别人|别人冒用|别人绑")]
    private static partial Regex OwnBusiness();

    [GeneratedRegex("^(?:(?:群里|群内|本群)(?:有没有人|有谁|有人|谁|哪位)|(?:有没有人|有谁|有人|谁|哪位)[^,，。 ]{0,4}(?:知道|晓得|清楚|了解|懂|问过|遇到过|碰到过)(?:一下)?|各位(?:邻居|街坊|乡亲|朋友|群友|大哥|大姐|叔叔阿姨|业主|老乡)?(?:们)?(?:好)?|大家好|邻居们好?|群友们好?|请问大家|问一下大家|问下大家|请教大家|请教一下|大家帮忙看看|麻烦大家)[ ,，]*")]
    private static partial Regex Opener();
}
