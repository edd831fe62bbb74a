using System.Text.RegularExpressions;

namespace GridService.Bot.Knowledge.Rules;

/// <summary>
/// Whether a message is about power supply at all. "电" alone is not enough (电话, 电视, 电梯, 电信 are not ours),
/// so this lists the words of the power service. Used to choose consult (ours, but unsure) over none.
/// </summary>
internal static partial class PowerLexicon
{
    public static bool IsPowerRelated(string t) => Power().IsMatch(t) && !OnlyLookalike(t);

    private static bool OnlyLookalike(string t) => !Power().IsMatch(Lookalike().Replace(t, " "));

    [GeneratedRegex("电费|停电|断电|没电|来电|有电|供电|用电|电表|电价|电压|跳闸|空开|电闸|总闸|闸|漏电|漏保|电线|线路|户号|电力|国网|95598|12398|变压器|充电桩|光伏|电工|抄表|度电|电量|峰谷|谷电|峰电|阶梯|插座|欠费|交费|费控|电箱|表箱|增容|三相|过户|报装|电路|通电|接电|电杆|线杆|触电|家电|电器|检修|抢修|报修|片区经理|电卡|电度|几度|电子发票|一户多人口|临时用电|度数|电能|电源|开关|灯泡|电灯|灯不亮|省电|节电|节能|耗电|费电|投诉|举报|充电|电动车|电瓶车|发票|电网|供电所|营业厅|片区|网格|电器|空调|销户|拆表|偷电|窃电|偷接|私接|校表|验表|违约金|滞纳金|代扣|户名|更名|余额|电便宜|专票|峰时|谷时|停了电|送电|复电|拉闸|合闸|保险丝|保险盒|全黑|黑灯|一片黑")]
    private static partial Regex Power();

    // Words containing a power word that are about something else (电话费 contains no 电费, 电梯 no 电).
    [GeneratedRegex("电话|话费|电视|电梯|电信|电脑|电影|电动车充电器|电瓶车电池|充电宝|手机没电|手机充电|电池没电|车没电|电子烟|路灯|修电动车|电动车(坏|修|维修|电池|轮胎|被偷|丢)|买电动车|卖电动车")]
    private static partial Regex Lookalike();
}
