using System.Text.RegularExpressions;

namespace GridService.Bot.Knowledge.Conversation;

/// <summary>
/// When a message leans on the previous turn: it is short, it is a question, and the model cannot place it alone;
/// read with the previous turn, it keeps that reading when it points back ("那…", "还有…", "…呢") or the reading is
/// surer. Thanks and acknowledgements are never follow-ups (they are not questions), and a hazard or a privacy
/// request is decided on its own words before any of this.
/// </summary>
internal static partial class FollowUp
{
    /// <summary>Longest message (normalised characters) read as a follow-up.</summary>
    public const int MaxChars = 14;

    /// <summary>
    /// Factor on the answer threshold for a follow-up the model places on the previous turn's topic: the previous
    /// turn was answered on that topic, so the pair is better evidence than the follow-up's own words.
    /// </summary>
    public const double SameTopicRelief = 0.5;

    /// <summary>How much of the previous turn is kept in front of the follow-up.</summary>
    public const int MaxContextChars = 60;

    /// <summary>True when the message may lean on a previous turn at all.</summary>
    public static bool IsCandidate(string t) => t.Length <= MaxChars && Question().IsMatch(t);

    /// <summary>True when the message says itself that it continues ("那在哪办", "第三档呢").</summary>
    public static bool PointsBack(string t) => Back().IsMatch(t);

    /// <summary>The previous turn and the follow-up as one text, the previous turn cut to its last characters.</summary>
    public static string Combine(PreviousTurn previous, string t)
    {
        string before = previous.Text.Length > MaxContextChars ? previous.Text[^MaxContextChars..] : previous.Text;
        return before + " " + t;
    }

    [GeneratedRegex("吗|呢|么|嘛|怎么|咋|哪|多少|多久|多长|几|什么|啥|要不要|能不能|可不可以|可以|行不行|谁|如何|是不是|有没有|需要|要带|呀$|不$|没$")]
    private static partial Regex Question();

    [GeneratedRegex("^(那|那么|那要|那我|那如果|还有|另外|然后|要是|如果|假如|也|还|再)|呢$")]
    private static partial Regex Back();
}
