using System.Text.RegularExpressions;
using GridService.Bot.Knowledge.Rules;

namespace GridService.Bot.Knowledge.Policy;

/// <summary>
/// Hazards to life, for the learned engine: checked before the model and never overridden by it. Biased to safety:
/// a needless safety reply costs little, a missed one can cost a life. On top of the rules engine's
/// <see cref="SafetyRule"/> it hears weak signals in any word order — arcing heard or seen, smoke or a burning smell,
/// something lying on a line, a hit or leaning pole, a noisy or leaking transformer, water in a box, a wire low
/// enough to touch or bare, children at equipment — each a hazard word together with the equipment it concerns.
/// A question *about* safety ("孩子放风筝安全吗", "下雨天摸开关会触电吗") reports nothing and is left to the model
/// (it is <c>service.safety-tips</c>), unless it also reports something happening.
/// </summary>
internal static partial class HazardPolicy
{
    /// <summary>The hazard's kind (see <see cref="SafetyKinds"/>), or null.</summary>
    public static string? Match(string t)
    {
        if (t.Length == 0 || IsSafetyQuestion(t))
        {
            return null;
        }

        // "是不是漏电", "怕触电", "担心进水": a cause wondered about or a fear, not something reported.
        t = Wondered().Replace(t, " ");

        if (SafetyRule.Match(t) is { } kind)
        {
            return kind;
        }

        if (Energised().IsMatch(t))
        {
            return "exposed-live";
        }

        bool equipment = Equipment().IsMatch(t);
        bool line = Line().IsMatch(t);
        return equipment && Smoke().IsMatch(t) ? "fire-smoke-smell"
            : equipment && Arcing().IsMatch(t) ? "arcing"
            : line && Foreign().IsMatch(t) && Touching().IsMatch(t) ? "object-on-line"
            : Pole().IsMatch(t) && PoleDamage().IsMatch(t) ? "leaning-pole"
            : Transformer().IsMatch(t) && TransformerFault().IsMatch(t) ? "transformer"
            : WaterBox().IsMatch(t) && Water().IsMatch(t) ? "water-in-equipment"
            : (line && LowWire().IsMatch(t)) || (equipment && Bare().IsMatch(t)) ? "low-or-exposed-wire"
            : Child().IsMatch(t) && ChildAction().IsMatch(t) && PublicEquipment().IsMatch(t) ? "children-near-equipment"
            : PinyinThing().IsMatch(t) && PinyinDanger().IsMatch(t) ? "pinyin"
            : null;
    }

    /// <summary>
    /// For a message the model already routes to a repair: any single hazard word (arcing, smoke, something on a
    /// line, a damaged pole, water, a low or bare wire) is enough for the safety wording, without the equipment
    /// word the stronger check needs. Returns the kind, or null.
    /// </summary>
    public static string? MatchWeak(string t)
    {
        if (Match(t) is { } kind)
        {
            return kind;
        }

        return Smoke().IsMatch(t) ? "fire-smoke-smell"
            : Arcing().IsMatch(t) ? "arcing"
            : Foreign().IsMatch(t) && Touching().IsMatch(t) && Line().IsMatch(t) ? "object-on-line"
            : Pole().IsMatch(t) ? "leaning-pole"
            : Water().IsMatch(t) ? "water-in-equipment"
            : LowWire().IsMatch(t) || Bare().IsMatch(t) ? "low-or-exposed-wire"
            : HazardWord().IsMatch(t) ? "reported-hazard"
            : null;
    }

    // Words a repair report rarely has unless something is dangerous; only read once the model has chosen a repair.
    [GeneratedRegex("烧|烟|火|焦|糊|臭|味|炸|爆|油|白光|红光|蓝光|闪一下|冒|雷|电线|电缆|线头|线(?=掉|落|挂|压|碰|断|吊|扯|拉|低|垂|从)|树|枝|吊车|塔吊|吊臂|钓|竿|围栏|撬|捅|落水|掉(?!电)|垂|勒|碰到一起|有电吗|带电|漏电|麻|入咗水|入了水|入水|进水|嗡|异响|声音")]
    private static partial Regex HazardWord();

    /// <summary>
    /// A general question about staying safe, with nothing reported as happening; or a hypothetical one ("要是风筝
    /// 挂到电线上了…", "遇到电线断了…") with nothing urgent in it.
    /// </summary>
    internal static bool IsSafetyQuestion(string t) =>
        (SafetyQuestion().IsMatch(t) && !Happening().IsMatch(t)) || (Hypothetical().IsMatch(t) && !Urgent().IsMatch(t));

    // Typed in pinyin for want of a Chinese keyboard: "dian xian duan le", "bian ya qi mao yan le".
    [GeneratedRegex("dian ?xian|dian ?gan|xian ?gan|bian ?ya ?qi|dian ?biao ?xiang|biao ?xiang|pei ?dian|dian ?lan|gao ?ya ?xian|cha ?zuo")]
    private static partial Regex PinyinThing();

    [GeneratedRegex("mao ?yan|mao ?huo|huo ?hua|zhao ?huo|qi ?huo|shao ?jiao|jiao ?wei|hu ?wei|duan ?le|diao ?le|diao ?xia|dao ?le|wai ?le|xie ?le|fang ?dian|lou ?dian|chu ?dian|jin ?shui|zi ?zi|da ?huo|bao ?zha|zha ?le")]
    private static partial Regex PinyinDanger();

    [GeneratedRegex("(是不是|是否|还是|会不会|会唔会|有没有|有冇|怀疑|担心|害怕|怕|防止|预防|避免|防)[^,，。 ]{0,6}(漏电|触电|被电|进水|着火|起火|短路)|(漏电|触电)(风险|危险|事故)|漏电(了)?(吗|么|不|没)")]
    private static partial Regex Wondered();

    [GeneratedRegex("^.{0,4}(要是|如果|万一|假如|假设|若是|倘若|遇到|碰到|遇上|碰上)|的话[^,，。 ]{0,6}(怎么|咋|该|应该|能|可以)")]
    private static partial Regex Hypothetical();

    [GeneratedRegex("正在|现在|刚才|刚刚|快来|赶紧|赶快|救命|马上|快点")]
    private static partial Regex Urgent();

    [GeneratedRegex("安全吗|安不安全|危险吗|危不危险|有没有危险|有危险吗|会不会|会[^,，。 ]{0,5}吗|能不能|可不可以|可以吗|行不行|要注意|注意什么|注意啥|注意哪些|怎么预防|如何预防|怎么防|怎样防|怎么避免|如何避免|怎么教|教孩子|教育孩子|有什么讲究|有啥讲究|要不要拔|该不该|安全常识|安全知识|需要注意|应该离|离多远|多远才|风险|要点|注意事项|该怎么做|应该怎么|该咋办|怎么走开|怎么跟[^,，。 ]{0,3}(讲|说)|能用[^,，。 ]{0,4}(挑|拿|碰|够)吗|能唔能|防触电|才不会|才能不|才安全")]
    private static partial Regex SafetyQuestion();

    // Something is happening now or was seen: a report, even when it ends in a question ("线上挂了风筝能不能去够").
    [GeneratedRegex("(断|掉|倒|歪|斜|着|烧|冒|挂|搭|压|进|泡|淹|响|炸|爆|裂|露|触|撞|起|坏|垂|落|塌|漏|闪|冒|缠|卡|爬|碰|摸)了|正在|在冒|冒着|着呢|现在|刚才|刚刚|看到|看见|发现|快来|赶紧|赶快|快点|救命|吓死|一直在|还在|挂着|掉着|躺着|耷拉着|倒在|压在|搭在|缠在|挂在|掉在|卡在|落在|有人触电|被电|闻到|听到|冒出|直冒|噼啪|滋滋|有人在|躺着|躺在|垂到|垂下|垂在|低到|带电|挖出")]
    private static partial Regex Happening();

    // Something people touch that carries current: a lamp post, a box, a railing.
    [GeneratedRegex("(杆|杆子|箱|箱子|外壳|铁门|栏杆|护栏|围栏|墙|水管|铁皮|路灯|广告牌)[^,，。 ]{0,3}带电|带电了|有电麻")]
    private static partial Regex Energised();

    [GeneratedRegex("电线|电缆|导线|高压线|低压线|线路|电线杆|电杆|线杆|杆子|变压器|变电箱|箱变|电箱|表箱|计量箱|配电箱|配电柜|配电房|开关|插座|插头|插排|插线板|电闸|空开|电表|瓷瓶|绝缘子|铁塔|线头|根线|线上(?=挂|搭|有|缠|落|压|卡)|架空线|电力线|电源线|接线|线缆|电路")]
    private static partial Regex Equipment();

    [GeneratedRegex("电线|电缆|导线|高压线|低压线|线路|线头|架空线|电力线|电源线|线缆|裸线|根线|线上(?=挂|搭|有|缠|落|压|卡)|电线杆上的线|拉线|电杆|电线杆|线杆")]
    private static partial Regex Line();

    [GeneratedRegex("冒烟|冒青烟|冒黑烟|冒白烟|起烟|有烟|烟雾|焦味|糊味|焦糊|焦胡|焦煳|煳味|烧焦|烧糊|胶皮味|胶味|塑料味|烧东西的味|烧味|烧着|着火|起火|冒火|烧起来|发烫|很烫|烫手|烧黑|熏黑|发黑")]
    private static partial Regex Smoke();

    [GeneratedRegex("放电|打火|火花|电火花|拉弧|电弧|闪火|火光|蓝光|蓝色的光|蓝火|噼啪|劈啪|噼里啪啦|劈里啪啦|啪啪|滋滋|嗞嗞|吱吱|呲呲|兹兹|嘶嘶|滋啦|刺啦|滋滋啦啦|异响|怪响|爆响")]
    private static partial Regex Arcing();

    [GeneratedRegex("吊臂|塔吊|吊车|挖掘机|挖机|钩机|泵车|树|竹子|竹竿|风筝|气球|塑料布|塑料膜|塑料袋|大棚膜|薄膜|彩钢瓦|铁皮|广告布|横幅|衣服|被单|被子|床单|绳子|铁丝|渔线|鱼线|钓鱼竿|鱼竿|篷布|藤|鸟窝|晾衣|杆子|木头|广告牌|招牌")]
    private static partial Regex Foreign();

    [GeneratedRegex("挂|搭|压|缠|倒|碰|刮|落|掉|靠|贴|卡|绕|戳|长到|长进|钻进|蹭|挨着|顶着|架在|抵着|勾|吊|晾|晒|钓鱼")]
    private static partial Regex Touching();

    [GeneratedRegex("电杆|电线杆|电线干|电线竿|线杆|水泥杆|杆子|电柱|电塔|铁塔|拉线")]
    private static partial Regex Pole();

    [GeneratedRegex("撞|歪|斜(?!坡|对|挎|纹|眼)|倒|裂|断(?!电|续|断)|倾|晃|松|塌了|倒塌|塌陷|露筋|掏空|冲垮|冲倒|挖断|挖到|被挖|折断|折了")]
    private static partial Regex PoleDamage();

    [GeneratedRegex("变压器|箱变|变电箱|变电站|配电房")]
    private static partial Regex Transformer();

    [GeneratedRegex("(?<!影)响|叫|吼|嗡|漏油|冒油|滴油|渗油|流油|淌油|油|冒烟|爆|发烫|烫|着火|冒火|声音|轰")]
    private static partial Regex TransformerFault();

    [GeneratedRegex("表箱|电箱|电表箱|计量箱|配电箱|配电房|配电柜|电表|插座|开关|电闸|变压器|电缆井|箱变|空开|电线")]
    private static partial Regex WaterBox();

    [GeneratedRegex("进水|有水|泡水|泡了|泡在|淹|积水|灌水|漏雨|渗水|雨水|浸水|全是水|都是水|湿透")]
    private static partial Regex Water();

    [GeneratedRegex("很低|太低|好低|低得|特别低|垂|耷拉|碰到头|碰头|够得着|够得到|伸手|一伸手|拖地|拖在地|落地|贴地|挂到人|刮到人|快碰到|挡路|拦路|绊|掉下来|掉下|掉在|掉地|躺着|躺在|断的|断掉|断了")]
    private static partial Regex LowWire();

    [GeneratedRegex("裸露|露铜|露出|露着|破皮|没皮|皮破|外皮破|破了|挖出|挖断|挖破|铜丝|断头|裸线|没有盖|没盖|盖子掉|敞着|开着门")]
    private static partial Regex Bare();

    // Public equipment only: a child at a home socket is the classic safety-tips question, not an order.
    [GeneratedRegex("变压器|箱变|变电箱|电箱|表箱|计量箱|配电箱|配电柜|配电房|电杆|电线杆|线杆|高压线|铁塔|电塔|电缆|拉线|电线")]
    private static partial Regex PublicEquipment();

    [GeneratedRegex("小孩|孩子|小朋友|娃|儿童|学生|熊孩子|小学生|小家伙")]
    private static partial Regex Child();

    [GeneratedRegex("爬|摸|玩|钻|靠近|翻|掏|抠|拽|扯|够|捡|踢|碰|打开|围着|蹲在|坐在|在[^,，。 ]{0,4}(边|旁|下|底下|里)")]
    private static partial Regex ChildAction();
}
