using System.Text.RegularExpressions;

namespace GridService.Bot.Knowledge.Live;

/// <summary>A place a message names: a numbered unit ("三组", "7号楼") and/or a named place ("柳林村").</summary>
/// <param name="Name">A named place, or null.</param>
/// <param name="Unit">The unit kind (组, 楼, 单元), or null.</param>
/// <param name="Number">The unit's number, 0 when there is none.</param>
/// <param name="Text">The place as the message wrote it ("三组", "柳林村"), for replies and explanations.</param>
internal sealed record Place(string? Name, string? Unit, int Number, string Text)
{
    public override string ToString() => Text;
}

/// <summary>
/// Reads places from questions and notice scopes and says whether a scope covers a place. Village groups
/// (组/队/社), buildings (栋/幢/号楼/楼) and entrances (单元) are compared by number, ranges included ("三组至六组",
/// "1-5号楼", "3、4组"); a scope naming no unit of that kind covers every unit of the places it names.
/// </summary>
internal static partial class PlaceMention
{
    public static Place? Find(string t)
    {
        string? name = null;
        if (Named().Match(t) is { Success: true } n)
        {
            // "我们小区", "整个村" name no place: at least two characters must remain before the suffix.
            string prefix = Pronoun().Replace(n.Groups[1].Value, string.Empty);
            name = prefix.Length >= 2 ? prefix + n.Groups[2].Value : null;
        }

        if (Unit().Match(t) is { Success: true } u && ChineseNumber.Parse(u.Groups[1].ValueSpan) is > 0 and var number)
        {
            return new Place(name, Kind(u.Groups[2].Value), number, (name ?? string.Empty) + u.Value);
        }

        return name is null ? null : new Place(name, null, 0, name);
    }

    /// <summary>True when a notice with this scope covers <paramref name="place"/>.</summary>
    public static bool Covers(string scope, Place place)
    {
        bool named = place.Name is null || scope.Contains(place.Name, StringComparison.Ordinal) || scope.Contains(Stem(place.Name), StringComparison.Ordinal);
        if (place.Unit is null)
        {
            return named;
        }

        var ranges = Ranges(scope).Where(r => r.Unit == place.Unit).ToList();
        return ranges.Count == 0 ? named : ranges.Any(r => r.From <= place.Number && place.Number <= r.To);
    }

    private static IEnumerable<(string Unit, int From, int To)> Ranges(string scope)
    {
        foreach (Match m in ScopeRange().Matches(scope))
        {
            int from = ChineseNumber.Parse(m.Groups[1].ValueSpan);
            int to = ChineseNumber.Parse(m.Groups[2].ValueSpan);
            if (from > 0 && to >= from)
            {
                yield return (Kind(m.Groups[3].Value), from, to);
            }
        }

        foreach (Match m in Unit().Matches(scope))
        {
            int n = ChineseNumber.Parse(m.Groups[1].ValueSpan);
            if (n > 0)
            {
                yield return (Kind(m.Groups[2].Value), n, n);
            }
        }

        // "3、4、5组" lists numbers before one unit.
        foreach (Match m in ScopeList().Matches(scope))
        {
            string unit = Kind(m.Groups[2].Value);
            foreach (var part in m.Groups[1].Value.Split('、', '，', ',', '和', '及'))
            {
                int n = ChineseNumber.Parse(part.Trim().TrimEnd('号'));
                if (n > 0)
                {
                    yield return (unit, n, n);
                }
            }
        }
    }

    private static string Kind(string unit) => unit switch
    {
        "组" or "队" or "社" or "小组" => "组",
        "栋" or "幢" or "号楼" or "楼" or "座" => "楼",
        _ => unit,
    };

    // "柳林村" and "柳林" both name the village in "柳林村三组".
    private static string Stem(string name) => name.Length > 2 ? name[..^1] : name;

    [GeneratedRegex("([0-9]{1,3}|[一二三四五六七八九十两]{1,3})(号楼|栋|幢|单元|小组|组|队|社|座)")]
    private static partial Regex Unit();

    // Named places with an unmistakable suffix; "里" and "楼" are left out ("家里", "楼里" name no place).
    [GeneratedRegex("([\u4e00-\u9fff]{1,4}?)(新村|小区|社区|花园|家园|村(?!里|子|委|民|口)|苑|庄|屯)")]
    private static partial Regex Named();

    [GeneratedRegex("^(?:我们|咱们|俺们|我家|咱家|俺家|我在|我住|住在|我是|这个|那个|整个|隔壁|附近|旁边|对面|在|咱|俺|我|的|是|住|这|那|全|本|整)+")]
    private static partial Regex Pronoun();

    [GeneratedRegex("([0-9]{1,3}|[一二三四五六七八九十两]{1,3})(?:号楼|栋|幢|组|队|社|单元|号)?\\s*(?:-|—|~|至|到)\\s*([0-9]{1,3}|[一二三四五六七八九十两]{1,3})(号楼|栋|幢|单元|组|队|社|座)")]
    private static partial Regex ScopeRange();

    [GeneratedRegex("((?:[0-9一二三四五六七八九十两]{1,3}号?[、，,和及])+[0-9一二三四五六七八九十两]{1,3}号?)(号楼|栋|幢|单元|组|队|社)")]
    private static partial Regex ScopeList();
}
