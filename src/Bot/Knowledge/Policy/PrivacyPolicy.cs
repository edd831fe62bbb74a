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
        return rest.Length == 0 ? null : NotForBotRule.MatchPrivacy(rest);
    }

    [GeneratedRegex("^(?:(?:群里|群内|本群)?(?:有没有|有谁|有人|谁|哪位)[^,，。 ]{0,4}(?:知道|晓得|清楚|了解|懂|问过|遇到过|碰到过)(?:一下)?|各位(?:邻居|街坊|乡亲|朋友|群友|大哥|大姐|叔叔阿姨|业主|老乡)?(?:们)?(?:好)?|大家好|邻居们好?|群友们好?|请问大家|问一下大家|问下大家|请教大家|请教一下|大家帮忙看看|麻烦大家)[ ,，]*")]
    private static partial Regex Opener();
}
