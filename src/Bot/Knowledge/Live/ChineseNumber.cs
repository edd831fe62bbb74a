namespace GridService.Bot.Knowledge.Live;

/// <summary>Small numbers as residents write them: "3", "三", "十二", "二十一", "两"; up to 99.</summary>
internal static class ChineseNumber
{
    private const string Digits = "零一二三四五六七八九";

    /// <summary>The value of <paramref name="s"/>, or -1 when it is not a number this reads.</summary>
    public static int Parse(ReadOnlySpan<char> s)
    {
        if (s.IsEmpty)
        {
            return -1;
        }

        if (int.TryParse(s, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n))
        {
            return n;
        }

        int ten = s.IndexOf('十');
        if (ten < 0)
        {
            return s.Length == 1 ? Digit(s[0]) : -1;
        }

        int tens = ten == 0 ? 1 : (ten == 1 ? Digit(s[0]) : -1);
        int ones = ten == s.Length - 1 ? 0 : (ten == s.Length - 2 ? Digit(s[^1]) : -1);
        return tens < 0 || ones < 0 ? -1 : (tens * 10) + ones;
    }

    private static int Digit(char c) => c == '两' ? 2 : Digits.IndexOf(c, StringComparison.Ordinal);
}
