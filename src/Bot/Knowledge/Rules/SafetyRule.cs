using System.Text.RegularExpressions;

namespace GridService.Bot.Knowledge.Rules;

/// <summary>
/// Hazards to life come first and need no confidence: a fallen or sparking line, smoke, fire, a burning smell, a
/// leaning pole, exposed live parts, water in electrical boxes, someone shocked. Whatever else the message says,
/// the safety wording goes out and people are sent.
/// </summary>
internal static partial class SafetyRule
{
    public const string Reply =
        "⚠️ 危险！请马上远离，不要靠近、不要触碰电线、电杆和带电设备，也不要用水去浇电器着的火。\n" +
        "有人触电：先拉下电闸断电，或用干燥的木棍挑开电线，不要直接用手拉人，并立即拨打120。\n" +
        "已通知抢修人员和片区经理处理；情况紧急请马上拨打95598（24小时）。";

    public static string? Match(string t)
    {
        if (t.Length == 0)
        {
            return null;
        }

        if (Fire().IsMatch(t) && !NotFire().IsMatch(t))
        {
            return "fire-smoke-smell";
        }

        if (FallenLine().IsMatch(t))
        {
            return "fallen-line";
        }

        if (Pole().IsMatch(t))
        {
            return "leaning-pole";
        }

        if (Exposed().IsMatch(t) || (Leak().IsMatch(t) && !LeakBreaker().IsMatch(t)))
        {
            return "exposed-live";
        }

        if (Shock().IsMatch(t))
        {
            return "shock";
        }

        if (Water().IsMatch(t))
        {
            return "water-in-equipment";
        }

        return Explosion().IsMatch(t) ? "explosion" : null;
    }

    [GeneratedRegex("冒烟|起火|着火|失火|火花|冒火|打火|火星|火苗|烧起来|烧着了|焦味|糊味|烧焦|焦糊|烧糊|胶皮味|塑料味|橡胶味|有烟|浓烟|冒黑烟|冒白烟|爆炸|电弧|拉弧|闪火|着了火|火灾")]
    private static partial Regex Fire();

    // Things that look like fire words but are not a hazard.
    [GeneratedRegex("打火机|火花塞|上火|火锅|发火|恼火|火气|火大|火车|打不着|点不着|打着火|点着火|点火|燃气灶|煤气灶|天然气灶|打火灶")]
    private static partial Regex NotFire();

    [GeneratedRegex("(电线|电缆|导线|高压线|线缆|线路|线头|线子|电线杆上的线|一根线|那根线|电力线)[^,，。 ]{0,4}(断了|断掉|掉下|掉了|掉在|掉到|掉地|落地|落下|垂下|垂到|垂在|耷拉|拖地|拖在地|搭在|挂在树|压在|刮断|砸断|吹断|被风|被树)|(掉|断|落|垂)(下来|在地上|到地上)的(电)?线|地上有(根)?(电)?线|断线|线掉了|线断了|线被|(电线|电缆|导线|高压线|线缆|电力线)[^,，。 ]{0,4}(垂得|拉得很低|很低|太低|低得|挡路|拦路|绊)")]
    private static partial Regex FallenLine();

    [GeneratedRegex("(电线杆|电杆|线杆|水泥杆|杆子|电线桩|电柱|电塔|铁塔)[^,，。 ]{0,4}(歪|斜|倾|倒|要倒|快倒|断了|折了|裂|晃|松动)|(电线杆|电杆|线杆|水泥杆|电柱|电塔|铁塔)[^。]{0,12}(歪得|歪了|斜了|要倒|快倒|倒了|断了|折了)|(电线杆|电杆|线杆|水泥杆|电柱|表箱|电表箱|变压器|电箱|配电箱)[^,，。]{0,4}被[^,，。]{0,4}(撞|砸|刮倒|压)")]
    private static partial Regex Pole();

    [GeneratedRegex("(裸露|露出来|露在外|破皮|外皮破|皮破了|没有盖|没盖子|盖子掉|箱门开着|门敞着|门坏了一直开|铜线露|线头露)|麻手|手发麻|手麻|电麻|麻了一下|有电感|一摸就麻")]
    private static partial Regex Exposed();

    [GeneratedRegex("漏电")]
    private static partial Regex Leak();

    // "漏电开关/漏保跳了" is tripping, not exposed live parts.
    [GeneratedRegex("漏电(保护|开关|断路器|闸)|漏保|漏电跳|跳.{0,3}漏电|漏电.{0,2}跳")]
    private static partial Regex LeakBreaker();

    [GeneratedRegex("触电|被电(了|到|击|着|倒|伤|一下)|电(到|伤|倒|死|晕)(人|了人|了一个|小孩|孩子|老人)|电击|过电了|遭电")]
    private static partial Regex Shock();

    [GeneratedRegex("(电箱|电表箱|表箱|配电箱|配电房|开关箱|插座|电闸|变压器|配电柜|电缆井)[^,，。 ]{0,4}(进水|泡水|淹|被水|漏水|渗水|泡了)|(进水|水淹|泡水).{0,6}(电箱|表箱|配电|插座|变压器)")]
    private static partial Regex Water();

    [GeneratedRegex("(变压器|电表|表箱|电箱|配电箱|电线|电杆|电闸|插座)[^,，。 ]{0,6}(炸了|爆了|嘭的|砰的|响了一声|一声巨响|爆响|啪啪响|滋滋响|漏油)|(砰|嘭|轰|啪)的一声[^。]{0,10}(变压器|电表|表箱|电箱|配电箱|电线|电杆)|(巨响|响了一声|爆了一下)[^。]{0,10}(变压器|电表|表箱|电箱|配电箱|电线|电杆)")]
    private static partial Regex Explosion();
}
