using System.Text;
using System.Text.RegularExpressions;

namespace GridService.Bot.WorkOrders.Places;

/// <summary>Where a report says something is: a key to compare reports by, and the words to show staff.</summary>
/// <param name="Key">Canonical components in a fixed order, e.g. <c>building=3|unit=2</c>.</param>
/// <param name="Display">As shown on the order and the page, e.g. <c>3号楼2单元</c>.</param>
public sealed record Place(string Key, string Display);

/// <summary>
/// Reads the place out of a resident's report, so two hazards join one order only when they are at the same place:
/// a community or village, a road or street, a building, unit, village group, pole number, transformer or gate.
/// Chinese numerals and full-width digits read as digits (<c>三号楼</c> = <c>3号楼</c> = <c>3栋</c>). Two reports agree
/// when every component matches; a report that names more or other components is another place, because a second
/// order and page cost far less than a hazard nobody was sent to.
/// </summary>
public static partial class PlaceParser
{
    private const string Num = "(?<n>[0-9]{1,4}|[零〇一二两三四五六七八九十百]{1,4})";

    /// <summary>The place in <paramref name="text"/>, or null when it names none.</summary>
    public static Place? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var t = Normalize(text);
        var parts = new List<(string Name, string Value, string Display)>();
        if (Site().Match(t) is { Success: true } site && Trimmed(site.Groups["name"].Value, SiteParticles) is { Length: >= 2 } siteName)
        {
            parts.Add(("site", siteName + site.Groups["kind"].Value, siteName + site.Groups["kind"].Value));
        }

        if (Road().Match(t) is { Success: true } road && Trimmed(road.Groups["name"].Value, RoadParticles) is { Length: > 0 } roadName)
        {
            var shown = roadName + road.Groups["kind"].Value + road.Groups["no"].Value;
            parts.Add(("road", shown, shown));
        }

        AddNumbered(parts, "building", Building().Match(t), "号楼");
        AddNumbered(parts, "unit", Unit().Match(t), "单元");
        AddNumbered(parts, "group", VillageGroup().Match(t), "组");
        AddNumbered(parts, "pole", Pole().Match(t) is { Success: true } pole ? pole : PoleNumberFirst().Match(t), "号杆");
        if (Transformer().Match(t) is { Success: true } tr) AddNumbered(parts, "transformer", tr, tr.Groups["kind"].Value == "台区" ? "号台区" : "号变压器");
        if (Gate().Match(t) is { Success: true } gate) parts.Add(("gate", gate.Value, gate.Value));
        if (parts.Count == 0) return null;
        return new Place(string.Join('|', parts.Select(p => p.Name + "=" + p.Value)), string.Concat(parts.Select(p => p.Display)));
    }

    /// <summary>
    /// True when two place keys can be the same place: both name none, or they share at least one component and
    /// every component they share agrees (<c>3号楼</c> and <c>幸福里小区3号楼2单元</c> agree; <c>3号楼</c> and <c>4号楼</c>, or
    /// <c>3号楼</c> and <c>12号杆</c>, do not). A report without a place never joins one with a place.
    /// </summary>
    public static bool Agree(string? a, string? b)
    {
        if (string.IsNullOrEmpty(a) || string.IsNullOrEmpty(b)) return string.IsNullOrEmpty(a) && string.IsNullOrEmpty(b);
        var left = Components(a);
        var right = Components(b);
        var shared = left.Keys.Where(right.ContainsKey).ToList();
        return shared.Count > 0 && shared.All(k => left[k] == right[k]);
    }

    private static Dictionary<string, string> Components(string key) =>
        key.Split('|').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static void AddNumbered(List<(string, string, string)> parts, string name, Match match, string suffix)
    {
        if (!match.Success || ToArabic(match.Groups["n"].Value) is not { } n) return;
        var value = n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        parts.Add((name, value, value + suffix));
    }

    // Words that end the lead-in before a name: "我家门口的幸福路" -> "幸福路", "我们幸福里小区" -> "幸福里小区".
    private static readonly char[] SiteParticles = ['的', '在', '到', '了', '是', '从', '往', '家', '边', '旁', '近', '那', '这', '个', '们', '我', '你', '他', '她', '咱', '和', '跟'];
    private static readonly char[] RoadParticles = [.. SiteParticles, '门', '口', '上'];

    private static string Trimmed(string name, char[] particles)
    {
        var cut = name.LastIndexOfAny(particles);
        return cut >= 0 ? name[(cut + 1)..] : name;
    }

    /// <summary>Full-width digits to ASCII, spaces dropped.</summary>
    private static string Normalize(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is >= '０' and <= '９') sb.Append((char)('0' + (c - '０')));
            else if (!char.IsWhiteSpace(c)) sb.Append(c);
        }

        return sb.ToString();
    }

    /// <summary>1-9999 from ASCII digits or Chinese numerals (三, 十二, 二十三, 一百零五); null when unreadable.</summary>
    public static int? ToArabic(string s)
    {
        if (s.Length == 0) return null;
        if (s.All(char.IsAsciiDigit)) return int.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var total = 0;
        var current = -1;
        foreach (var c in s)
        {
            var digit = "零〇一二三四五六七八九".IndexOf(c, StringComparison.Ordinal) switch { 0 or 1 => 0, var i and > 1 => i - 1, _ => c == '两' ? 2 : -1 };
            if (digit >= 0)
            {
                current = digit;
                continue;
            }

            var unit = c switch { '十' => 10, '百' => 100, _ => 0 };
            if (unit == 0) return null;
            total += (current < 0 ? 1 : current) * unit;
            current = -1;
        }

        total += Math.Max(current, 0);
        return total > 0 ? total : null;
    }

    [GeneratedRegex("(?<name>[\u4e00-\u9fa5]{2,4}?)(?<kind>小区|社区|村|花园|家园|公寓|新村|苑)(?![委民])")]
    private static partial Regex Site();

    [GeneratedRegex("(?<name>[\u4e00-\u9fa5]{1,5})(?<kind>大道|路|街|巷|胡同)(?<no>[0-9]{1,4}号)?(?![灯口由费])")]
    private static partial Regex Road();

    [GeneratedRegex(Num + "(?:号楼|栋|幢|座|号住宅楼)")]
    private static partial Regex Building();

    [GeneratedRegex(Num + "单元")]
    private static partial Regex Unit();

    [GeneratedRegex(Num + "(?:村民)?组(?![织成合])")]
    private static partial Regex VillageGroup();

    [GeneratedRegex(Num + "号?(?:电线杆|电杆|线杆|水泥杆|杆)")]
    private static partial Regex Pole();

    [GeneratedRegex("(?:杆号|杆塔号|#)" + Num)]
    private static partial Regex PoleNumberFirst();

    [GeneratedRegex(Num + "号?(?<kind>台区|变压器|箱变)")]
    private static partial Regex Transformer();

    [GeneratedRegex("[东南西北]门")]
    private static partial Regex Gate();
}
