namespace GridService.Bot.Knowledge.Text;

/// <summary>Polite words around a question ("请问…谢谢") carry no meaning for matching; a bare "谢谢" does.</summary>
internal static class Filler
{
    private static readonly string[] Leading =
    [
        "请问一下", "请问下", "请问", "问一下", "问下", "你好", "您好", "大家好", "麻烦问一下", "麻烦问下", "麻烦一下", "麻烦",
        "打扰一下", "打扰了", "在吗", "在不在", "小电", "经理", "师傅",
    ];

    private static readonly string[] Trailing =
    [
        "谢谢你们", "谢谢您", "谢谢了", "谢谢啦", "谢谢", "多谢", "感谢", "麻烦了", "麻烦你了", "辛苦了",
    ];

    public static string Strip(string text)
    {
        var span = text.AsSpan().Trim();
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (var word in Leading)
            {
                if (span.Length > word.Length + 1 && span.StartsWith(word, StringComparison.Ordinal))
                {
                    span = span[word.Length..].TrimStart();
                    changed = true;
                }
            }

            foreach (var word in Trailing)
            {
                if (span.Length > word.Length + 1 && span.EndsWith(word, StringComparison.Ordinal))
                {
                    span = span[..^word.Length].TrimEnd();
                    changed = true;
                }
            }
        }

        return span.Length == text.Length ? text : span.ToString();
    }

    /// <summary>
    /// The bot's name used as a vocative ("小电在吗", "小电 帮我看下…") is the address, not the message: left in, its
    /// 电 makes a greeting look like a power question.
    /// </summary>
    public static string StripBotName(string text)
    {
        const string Name = "小电";
        var span = text.AsSpan().TrimStart();
        return span.Length > Name.Length && span.StartsWith(Name, StringComparison.Ordinal) ? span[Name.Length..].TrimStart().ToString() : text;
    }
}
