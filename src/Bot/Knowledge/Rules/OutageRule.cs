using System.Text.RegularExpressions;

namespace GridService.Bot.Knowledge.Rules;

/// <summary>What an outage message is: a question the knowledge base answers or a report people must act on.</summary>
internal enum OutageKindOfMessage { None, OnlyMyHome, OwnChecksFailed, AreaWideReport, PaidStillOff, StatusQuestion }

/// <summary>
/// Separates "only my home is off" (self-check), "my own checks failed" and "the whole building / village is dark,
/// for hours, with no notice" (repair) from questions about when power comes back, which retrieval answers.
/// </summary>
internal static partial class OutageRule
{
    public static OutageKindOfMessage Classify(string t)
    {
        // "整个小区都停了" says no more than "stopped"; it is about power unless another supply is named.
        // "邻居都有电，就我家没有" names no outage word but is one.
        bool onlyMe = OnlyMe().IsMatch(t);
        bool outage = Outage().IsMatch(t) || (Stopped().IsMatch(t) && !OtherSupply().IsMatch(t)) || (onlyMe && !Paid().IsMatch(t));
        if (Planned().IsMatch(t))
        {
            return OutageKindOfMessage.None;
        }

        if (Paid().IsMatch(t) && (outage || Restore().IsMatch(t)))
        {
            return OutageKindOfMessage.PaidStillOff;
        }

        if (!outage)
        {
            return OutageKindOfMessage.None;
        }

        bool checksFailed = ChecksFailed().IsMatch(t);
        if (PartOfHome().IsMatch(t))
        {
            // One room or one socket dark while the rest has power: tripping or the home's wiring, for retrieval.
            return OutageKindOfMessage.None;
        }

        if (onlyMe)
        {
            return checksFailed ? OutageKindOfMessage.OwnChecksFailed : OutageKindOfMessage.OnlyMyHome;
        }

        if (checksFailed)
        {
            return OutageKindOfMessage.OwnChecksFailed;
        }

        bool longOutage = Long().IsMatch(t) && Ongoing().IsMatch(t);
        if (Wide().IsMatch(t) || longOutage || NoNotice().IsMatch(t))
        {
            return OutageKindOfMessage.AreaWideReport;
        }

        // "为什么停电/什么时候来电" is outage.current-status, unless the message is about something the other topics
        // cover (tripping, arrears, a future outage).
        return WhyOrWhen().IsMatch(t) && !OtherTopic().IsMatch(t) ? OutageKindOfMessage.StatusQuestion : OutageKindOfMessage.None;
    }

    [GeneratedRegex("又(黑|停|没电|断电)|什么情况|怎么搞的|什么时候|几点|多久|多长时间|还要多久|要多久|啥时|恢复|来电|有电|为什么|为何|什么原因|原因|怎么回事|咋回事|怎么了|怎么又|又停|是不是|是在|检修吗|在修|出什么|故障|停到")]
    private static partial Regex WhyOrWhen();

    [GeneratedRegex("跳闸|跳了|空开|漏保|电闸|总闸|欠费|没交|不交|明天|后天|下周|这周|周末|月底|过两天|以后|会不会停|要停|提前|规定|通知|赔|烧")]
    private static partial Regex OtherTopic();

    [GeneratedRegex("恢复|来电|复电|送电|通电|有电|合闸|电还没来|电没来|没亮|不亮|还是黑")]
    private static partial Regex Restore();

    // "没有电表/电费/电话" is not an outage: the power word must not continue into another noun.
    [GeneratedRegex("停电|没电(?![表费话梯视脑池瓶卡])|断电|没有电(?![表费话梯视脑池瓶卡线器动])|电都没(有)?|电也没(有)?|一点电都|一点电也|停了(好|一|半|几|两|三|四|五|十|[0-9])|都停电|停到现在|停到|停了好|一直停|还停着|停着电|电还没来|电没来|还没来电|黑了|黑灯|全黑|一片黑|不来电|没来电|停了电|没了电|掉电|灯都不亮|灯不亮|都不亮|灯(还)?没亮|灯还不亮|还是黑|还黑着")]
    private static partial Regex Outage();

    [GeneratedRegex("(其他|别的|另外的?)(房间|屋|屋子|卧室)[^,，。]{0,3}(有电|都有|正常|亮)|(插座|一个房间|一间屋|厨房|卧室|客厅|卫生间|厕所)[^,，。]{0,3}没电")]
    private static partial Regex PartOfHome();

    [GeneratedRegex("都停了|全停了|全都停了|都给停了")]
    private static partial Regex Stopped();

    [GeneratedRegex("水|气|网|暖|信号|电梯|电视")]
    private static partial Regex OtherSupply();

    // Payment then no power is billing.payment-not-restored; "计划停电/检修通知" questions are outage topics.
    [GeneratedRegex("(钱|费|电费)[^,，。 ]{0,2}(已经)?(交|充|付|缴)(了|过|上了|完)|交了[^,，。 ]{0,3}(费|钱)|交完[^,，。 ]{0,3}(费|钱)|交过[^,，。 ]{0,3}(费|钱)|交了费|交完费|交了电费|交过费|交完电费|交了钱|交完钱|充了钱|充进去|充值了|充值后|充了|交钱了|补交|已经交|交上了|交费后|交费了|交清|还清|付了|付过")]
    private static partial Regex Paid();

    [GeneratedRegex("计划停电|停电计划|停电通知.{0,4}(几天|多久|提前)|提前.{0,4}通知")]
    private static partial Regex Planned();

    [GeneratedRegex("就我家|只有我家|只我家|我一家|就我们家|只有我们家|就我一家|只有我一家|就我这|别人家[^,，。 ]{0,2}有电|邻居[^,，。 ]{0,3}有电|隔壁[^,，。 ]{0,3}有电|对门[^,，。 ]{0,2}有电|其他[^,，。 ]{0,3}有电|楼上楼下[^,，。 ]{0,2}有电|别家[^,，。 ]{0,2}有|邻居[^,，。 ]{0,3}(灯|都)[^,，。 ]{0,2}亮|别人家[^,，。 ]{0,3}亮|别人[^,，。 ]{0,3}有电|单单我家|唯独我家|(邻居|隔壁|对门|对面|楼上|楼下|别人家|别家|其他人家|人家)[^,，。 ]{0,6}(有电(?![吗不没么])|灯是亮|都亮|亮着|没停)")]
    private static partial Regex OnlyMe();

    [GeneratedRegex("(闸|空开|开关|断路器|漏保)[^,，。 ]{0,6}(没跳|都没跳|没有跳|没掉|是好的|都好的|好好的|正常|没问题|推上去了|推上了|合上了|都合上|也合上|也推上|都推上)|(合|推)上[^,，。 ]{0,3}(又|就|马上|还)跳|一合就跳|一推就跳|合不上|推不上|试了好几次|试了几次|试过好几次|试了很多次|都检查|检查过|检查了|查过了|看过了|试过了|都试了|重新合|推了[^,，。 ]{0,4}还是|合了[^,，。 ]{0,4}还是|还是没电|还是不来电|依然没电|仍然没电|还是没有电|电卡[^,，。 ]{0,4}有钱|有余额|不欠费|没欠费")]
    private static partial Regex ChecksFailed();

    [GeneratedRegex("整栋|整幢|这栋楼|这幢楼|我们这栋|我们楼|本栋|这个楼|这楼|整个楼道|楼里[^,，。 ]{0,2}(都|全)|整个楼|整座楼|全楼|一栋楼|整个单元|全单元|一个单元|整单元|楼上楼下[^,，。 ]{0,2}(都|全)|整个小区|全小区|小区[^,，。 ]{0,3}(都|全)|半个小区|好几栋|几栋楼|整条街|一条街|整个街|整个村|全村|村里[^,，。 ]{0,2}(都|全)|村子[^,，。 ]{0,2}(都|全)|整个组|整片|一大片|这片[^,，。 ]{0,2}都|片区[^,，。 ]{0,2}都|附近[^,，。 ]{0,3}都|周围[^,，。 ]{0,3}都|周边[^,，。 ]{0,3}都|邻居[^,，。 ]{0,3}都没|大家[^,，。 ]{0,4}都没|家家户户|整个镇|全镇|全乡|整个乡|整个厂区|整个园区|这一片|那一片|我们这片|一整片|路灯[^,，。 ]{0,3}都"
        + "|([0-9]+|几|十几|好几|几十|二三十|一二十|两|三|四|五)户|(我们|咱们|整个|全)(组|队|屯|寨|庄|大院|院子)|一个组|这一排|一整排|整排|这排|那排|一半的?(楼|房|家|户)|(好多|很多|好几|几十)(家|户|栋|个楼)|半条街|这条街|那条街|整条路|这条路")]
    private static partial Regex Wide();

    [GeneratedRegex("([0-9]+|几|好几|两|三|四|五|六|七|八|九|十|十几|半)(个)?(多)?(小时|钟头|个钟|天)|一整天|一天了|一上午|一下午|一晚上|一夜|整夜|一宿|一晚|半天|从早上|从早|从昨天|从昨晚|从中午|从下午|从晚上|从半夜|从凌晨|到现在|一直(没电|停电|没来电|不来电|没有电)|这么久|老半天|好久")]
    private static partial Regex Long();

    // A duration must have already passed ("停了三个小时了"), not be asked about ("一般停几个小时").
    [GeneratedRegex("了|还|都|已经|一直|到现在|整整|快|多")]
    private static partial Regex Ongoing();

    [GeneratedRegex("没通知|没有通知|没接到通知|没收到通知|没看到通知|没见通知|没见到通知|也不通知|不通知一声|没有公告|没发通知|没说要停|没说停电|没提前说|也没说一声|也不说一声|没见有通知|没看到公告")]
    private static partial Regex NoNotice();
}
