using System.Text.RegularExpressions;

namespace GridService.Bot.Knowledge.Rules;

/// <summary>
/// Power-service requests that need a person or the customer's records, which no entry answers: moving poles or
/// boxes, certificates, checking a disputed deduction, asking for a human.
/// </summary>
internal static partial class ConsultRule
{
    public static string? Match(string t) =>
        Move().IsMatch(t) ? "move-equipment"
        : EquipmentWork().IsMatch(t) ? "equipment-work"
        : Certificate().IsMatch(t) ? "certificate"
        : Disputed().IsMatch(t) ? "disputed-charge"
        : Human().IsMatch(t) ? "human" : null;

    [GeneratedRegex("(挪|迁|移走|移开|搬)[^,，。 ]{0,3}(电线杆|电杆|线杆|杆子|表箱|电表箱|电表|变压器|电线|线路|电缆)|(电线杆|电杆|线杆|杆子|表箱|电表|变压器|电线|线路|电缆)[^,，。]{0,10}(挪|迁移|迁走|移走|移开|搬走|改道|移位|换个位置|挪个位置|迁一下|移一下)")]
    private static partial Regex Move();

    // The utility's equipment outside the home (the meter itself is meter.ownership; sockets are the customer's).
    [GeneratedRegex("(变压器|表箱|电表箱|计量箱|箱门|表箱锁|电线杆|电杆|高压线|接地|电缆|配电房|台区|线路)[^。]{0,12}(换|修|扩|改造|升级|测|加固|加装|来人|派人|增加|加大)|(派人|来人|安排人)[^。]{0,6}(测|检查|看看|换|修)")]
    private static partial Regex EquipmentWork();

    [GeneratedRegex("(用电|交费|缴费|电费|欠费|无欠费|供电)[^,，。 ]{0,3}证明|开[^,，。 ]{0,3}证明|证明[^,，。 ]{0,4}(开|去哪|哪里)")]
    private static partial Regex Certificate();

    [GeneratedRegex("扣了两次|重复扣|扣两次|多扣|扣多了|扣错|交了两次|交重了|重复交|多交了|退[^,，。 ]{0,3}(钱|费|款)|退回来")]
    private static partial Regex Disputed();

    [GeneratedRegex("转人工|找人工|人工客服|要人工|找真人|要真人|真人客服")]
    private static partial Regex Human();
}
