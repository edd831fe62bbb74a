namespace GridService.Bot.Knowledge;

/// <summary>
/// Plausible Chinese entries made in code, to measure how decisions scale with a knowledge base far larger than
/// today's (a province's full FAQ). Deterministic for a given count.
/// </summary>
internal static class SyntheticEntries
{
    private static readonly string[] Things =
    [
        "电表箱", "计量箱", "空开", "插座", "充电桩", "光伏板", "逆变器", "变压器", "路灯", "电缆", "热水器", "电采暖",
        "空调外机", "配电柜", "表后线", "入户线", "智能电表", "电卡", "互感器", "集中器", "水泵", "大棚补光灯", "门面招牌灯",
        "电梯电源", "抽油烟机", "储能电池", "农排井", "烘干机", "冷库", "养殖场风机",
    ];

    private static readonly string[] Actions =
    [
        "报装", "更换", "迁移", "维修", "校验", "申请", "注销", "暂停", "恢复", "增容", "减容", "过户", "改造", "检测", "验收",
        "拆除", "加装", "升级", "补办", "备案",
    ];

    private static readonly string[] Places = ["小区", "村里", "商铺", "厂房", "学校", "大棚", "养殖场", "出租屋", "老楼", "新区"];

    private static readonly string[] Templates =
    [
        "{p}的{t}想{a}怎么办", "{t}{a}要带啥材料", "想{a}{t}找谁", "{t}{a}多久能办好", "{t}{a}收不收费", "俺家{t}要{a}咋弄",
        "{p}{t}{a}流程是啥", "{t}能不能{a}", "{a}{t}在网上能办吗", "{t}{a}要本人去吗", "{t}{a}需要几天", "{p}里{t}{a}找哪个部门",
        "请问{t}{a}怎么申请", "{t}{a}的费用是多少", "{t}坏了要{a}吗", "帮忙问下{t}{a}的事", "{t}{a}要不要预约",
        "{t}{a}后多久通电", "{p}{t}{a}有补贴吗", "{t}{a}办不下来咋整",
    ];

    public static IEnumerable<KnowledgeEntry> Create(int count)
    {
        var random = new Random(20251123);
        for (int i = 0; i < count; i++)
        {
            string thing = Things[i % Things.Length];
            string action = Actions[(i / Things.Length) % Actions.Length];
            string place = Places[random.Next(Places.Length)];
            var examples = Templates.OrderBy(_ => random.Next()).Take(16)
                .Select(t => t.Replace("{t}", thing, StringComparison.Ordinal).Replace("{a}", action, StringComparison.Ordinal)
                    .Replace("{p}", Places[random.Next(Places.Length)], StringComparison.Ordinal))
                .ToList();
            yield return new KnowledgeEntry(
                $"synthetic.{i:0000}", $"{place}{thing}{action}",
                $"{thing}{action}：带身份证和户号到营业厅或在网上国网App申请，工作人员会在5个工作日内联系您。",
                examples,
                [new WeightedKeyword(thing + action, 2.5), new WeightedKeyword(action + thing, 2.5), new WeightedKeyword(thing, 1)],
                [], "synthetic", i + 1);
        }
    }
}
