using System.Text.RegularExpressions;

namespace GridService.Bot.Knowledge.Rules;

/// <summary>
/// Power-service requests that need a person or the customer's records, which no entry answers: moving poles or
/// boxes, certificates, checking a disputed deduction or a refund, the progress of the customer's own application,
/// correcting what was registered or issued wrongly, money that has not arrived, asking for a human. These name a
/// topic's words ("报装", "峰谷", "发票") while asking about one case only staff can look up, so they are checked
/// before retrieval, whose strongest keyword would otherwise carry a generic answer.
/// </summary>
internal static partial class ConsultRule
{
    public static string? Match(string t) =>
        Move().IsMatch(t) ? "move-equipment"
        : EquipmentWork().IsMatch(t) || (SendSomeone().IsMatch(t) && !CustomerSide().IsMatch(t)) ? "equipment-work"
        : Certificate().IsMatch(t) ? "certificate"
        : Disputed().IsMatch(t) || Refund().IsMatch(t) ? "disputed-charge"
        : IsProgressQuestion(t) ? "own-case-progress"
        : Correction().IsMatch(t) && !Reading().IsMatch(t) ? "records-correction"
        : NotArrived().IsMatch(t) ? "money-not-arrived"
        : OwnRecords().IsMatch(t) ? "own-records"
        : NotMine().IsMatch(t) ? "records-anomaly"
        : Human().IsMatch(t) ? "human" : null;

    // "进度/到哪一步" about an application is always one case; "还没动静" only when the customer says they applied.
    private static bool IsProgressQuestion(string t) =>
        (Progress().IsMatch(t) && Application().IsMatch(t)) || (Waiting().IsMatch(t) && Applied().IsMatch(t));

    [GeneratedRegex("(挪|迁|移走|移开|搬)[^,，。 ]{0,3}(电线杆|电杆|线杆|杆子|表箱|电表箱|电表|变压器|电线|线路|电缆)|(电线杆|电杆|线杆|杆子|表箱|电表|变压器|电线|线路|电缆)[^,，。]{0,10}(挪|迁移|迁走|移走|移开|搬走|改道|移位|换个位置|挪个位置|迁一下|移一下)|改线|移线|改一下线|线改一下|线路改")]
    private static partial Regex Move();

    // The utility's equipment outside the home (the meter itself is meter.ownership; sockets are the customer's).
    [GeneratedRegex("(变压器|表箱|电表箱|计量箱|箱门|表箱锁|电线杆|电杆|高压线|接地|电缆|配电房|台区|线路)[^。]{0,12}(换|修|扩|改造|升级|测|加固|加装|来人|派人|增加|加大)")]
    private static partial Regex EquipmentWork();

    [GeneratedRegex("(派人|来人|安排人)[^。]{0,6}(测|检查|看看|换|修)")]
    private static partial Regex SendSomeone();

    // After the meter everything is the customer's (repair.household-wiring), so sending someone for these is not ours.
    [GeneratedRegex("插座|插头|开关面板|面板|灯泡|灯管|灯具|家里的线|家里线|屋里的线|室内|户内|墙里|电器|热水器|空调")]
    private static partial Regex CustomerSide();

    [GeneratedRegex("(用电|交费|缴费|电费|欠费|无欠费|供电)[^,，。 ]{0,3}证明|开[^,，。 ]{0,3}证明|证明[^,，。 ]{0,4}(开|去哪|哪里)")]
    private static partial Regex Certificate();

    [GeneratedRegex("扣了(两|二|三|几|好几)(次|回|遍|笔)|扣了两次|重复扣|扣两次|多扣|扣多了|扣错|交了两次|交重了|重复交|多交了|退[^,，。 ]{0,3}(钱|费|款)|退回来")]
    private static partial Regex Disputed();

    // Money paid in advance or by mistake: only staff can refund it ("退租", "退出群" are not refunds).
    [GeneratedRegex("(钱|费|款|余额|预存|预交|预付|多交|多充)[^,，。]{0,8}(能|可以|怎么|咋|给|要|想|能不能|可不可以)?退(吗|不|么|回|还|给|了|掉|$| )|退款|交错|充错|转错")]
    private static partial Regex Refund();

    [GeneratedRegex("进度|到哪一步|哪一步了|到哪了|办到哪|弄到哪|什么进展|有进展|结果出来了|结果出来没|出结果了|有结果了|生效了没|生效没|生效了吗|有没有生效|批下来|批了没|批了吗|审批到|审核到|审核通过")]
    private static partial Regex Progress();

    [GeneratedRegex("申请|报装|办理|办的|提交|递交|材料|资料|增容|过户|更名|光伏|充电桩|校表|校验|验表|赔偿|理赔|索赔|峰谷|分时|多人口|新装|装表|工单|补贴")]
    private static partial Regex Application();

    [GeneratedRegex("怎么还没|咋还没|为什么还没|还没(有)?(来|装|批|办|弄|动静|消息|回复|结果|下来|通过|生效|到账|处理)|有(没有)?(消息|结果|回音|动静)|什么时候[^,，。]{0,3}(装|办好|批|下来|通过|生效|处理|验收|来)")]
    private static partial Regex Waiting();

    [GeneratedRegex("(之前|上次|上回|上个月|上周|前几天|前段时间|前阵子|去年|已经|早就|半个月前|一个月前)[^,，。]{0,8}(申请|报|提交|递|交|办|登记|约)|(申请|报装|提交|递交|办理|登记)(了|的|过)|报的|交了申请|申请交了|资料交了|材料交了|递上去|交上去|报上去|(装好|办好|交了|报了|申请了|提交了)[^,，。]{0,4}(半个月|[0-9一二两三四五六七八九十几]+(天|周|个月))|都[^,，。]{0,3}(半个月|[0-9一二两三四五六七八九十几]+(天|周|个月))了")]
    private static partial Regex Applied();

    // Something registered or issued wrongly ("抬头开错了", "地址写错了"); a misread meter is meter.reading-mismatch.
    [GeneratedRegex("(开|填|写|登记|弄|搞|输|打|绑|录|印)错|重开|重新开|改抬头|信息有误|信息不对")]
    private static partial Regex Correction();

    [GeneratedRegex("抄|读数|度数|表数|示数|止码")]
    private static partial Regex Reading();

    [GeneratedRegex("(钱|电费|费)[^。]{0,10}(没显示|不显示|没到账|不见了|到哪去了|去哪了|没入账)|(没|未|不)到账|没收到(钱|补贴|款|结算|电费款)|补贴[^,，。]{0,6}(没|还没|一直没)(发|给|到)|钱[^,，。]{0,4}没(到|给|结)")]
    private static partial Regex NotArrived();

    // A copy of the customer's own records is sent by staff; "在哪看" questions are answered by retrieval.
    [GeneratedRegex("(发我|发给我|给我|寄给我|帮我(打|调|拉|导))[^,，。]{0,6}(一份|份|明细|清单|记录|结算单|对账单|流水)|结算单|对账单|交费流水")]
    private static partial Regex OwnRecords();

    [GeneratedRegex("多了一笔|多出一笔|多出来一笔|哪来的(钱|费|预存)|莫名其妙[^,，。]{0,3}(多|扣)|销户|销号|拆表|(绑|解绑|登录|注册|注销)[^,，。]{0,2}(不了|不上)|弄反|搞反|没申请过|谁(帮我|给我)(开|办|申请)的|不是我(开|办|申请)的|(不是我的|陌生|不认识)[^,，。]{0,6}(手机号|号码|名字|户名|电话)|(手机号|号码|名字|户名)[^,，。]{0,4}(不是我|陌生|不认识)")]
    private static partial Regex NotMine();

    [GeneratedRegex("转人工|找人工|人工客服|要人工|找真人|要真人|真人客服")]
    private static partial Regex Human();
}
