using System.Text;

namespace GridService.Bot.Knowledge.Text;

/// <summary>
/// Dialect words, colloquial variants and frequent typos mapped to one standard spelling, so "俺屋头冇电咋整" and
/// "我家里没电怎么办" share n-grams. Only multi-character or unambiguous single characters are mapped: a wrong
/// mapping here would damage every question that contains it.
/// </summary>
internal static class PhraseMap
{
    // Longer phrases first, so "咋个" is replaced before "咋".
    private static readonly (string From, string To)[] Map = Sorted(
    [
        // Typos seen in chat input (pinyin input picks the wrong homophone).
        ("点费", "电费"), ("电废", "电费"), ("电飞", "电费"), ("停点", "停电"), ("没点了", "没电了"), ("跳匝", "跳闸"),
        ("跳砸", "跳闸"), ("跳紮", "跳闸"), ("户好", "户号"), ("交废", "交费"), ("电标", "电表"), ("峰估", "峰谷"),
        ("电压底", "电压低"), ("漏点", "漏电"), ("按装", "安装"), ("空气开关", "空开"), ("电匝", "电闸"),
        ("跳杂", "跳闸"), ("挑闸", "跳闸"), ("条闸", "跳闸"), ("阶体", "阶梯"), ("接梯", "阶梯"), ("风谷", "峰谷"),
        ("锋谷", "峰谷"), ("帐单", "账单"), ("帐户", "账户"), ("较表", "校表"), ("效验", "校验"), ("过护", "过户"),
        ("充电装", "充电桩"), ("冲电", "充电"), ("发漂", "发票"), ("违约今", "违约金"), ("滞纳今", "滞纳金"),
        ("网上过网", "网上国网"), ("光扶", "光伏"), ("增荣", "增容"), ("嘀", "滴"),
        // Other names of the same thing.
        ("火表", "电表"), ("电度表", "电表"), ("电能表", "电表"), ("漏电保护器", "漏保"), ("闸刀", "电闸"),
        // Synonyms that should count as one word.
        ("缴", "交"), ("电钱", "电费"), ("掌上电力", "网上国网"), ("国网app", "网上国网"), ("电网app", "网上国网"),
        ("供电局", "供电所"), ("电业局", "供电所"), ("电力局", "供电所"), ("电力公司", "供电所"), ("供电公司", "供电所"),
        ("礼拜", "周"), ("星期", "周"), ("明儿", "明天"), ("今儿", "今天"), ("后儿", "后天"), ("昨儿", "昨天"),
        ("哪儿", "哪里"), ("这儿", "这里"), ("那儿", "那里"), ("一会儿", "一会"), ("啥时候", "什么时候"),
        ("几时", "什么时候"), ("多会儿", "什么时候"), ("多咱", "什么时候"), ("什么时间", "什么时候"),
        // Dialect.
        ("冇", "没"), ("莫得", "没有"), ("没得", "没有"), ("咋个", "怎么"), ("咋整", "怎么办"), ("咋弄", "怎么弄"),
        ("咋办", "怎么办"), ("咋", "怎么"), ("啷个", "怎么"), ("点样", "怎么"), ("怎样", "怎么"), ("如何", "怎么"),
        ("啥子", "什么"), ("么子", "什么"), ("甚么", "什么"), ("啥", "什么"), ("俺们", "我们"), ("咱们", "我们"),
        ("俺", "我"), ("咱家", "我家"), ("阿拉", "我"), ("屋头", "家里"), ("屋里", "家里"), ("边度", "哪里"),
        ("哪嘎达", "哪里"), ("哪旮旯", "哪里"), ("哪块", "哪里"), ("晓得", "知道"),
        // Cantonese, Shanghainese and north-eastern words residents type as they speak.
        ("点解", "为什么"), ("乜嘢", "什么"), ("咩", "什么"), ("咁", "这么"), ("咗", "了"), ("嘅", "的"), ("佢", "他"),
        ("屋企", "家里"), ("而家", "现在"), ("睇", "看"), ("揾", "找"), ("喺", "在"), ("边个", "谁"), ("几多", "多少"),
        ("系唔系", "是不是"), ("唔系", "不是"), ("唔知", "不知道"), ("唔该", "谢谢"), ("侬", "你"),
        ("啥辰光", "什么时候"), ("辰光", "时候"), ("嘎哈", "干什么"), ("瞅瞅", "看看"),
    ]);

    public static void Apply(StringBuilder sb)
    {
        foreach (var (from, to) in Map)
        {
            sb.Replace(from, to);
        }
    }

    private static (string, string)[] Sorted((string From, string To)[] pairs)
    {
        Array.Sort(pairs, (a, b) => b.From.Length.CompareTo(a.From.Length));
        return pairs;
    }
}
