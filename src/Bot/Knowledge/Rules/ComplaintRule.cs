using System.Text.RegularExpressions;

namespace GridService.Bot.Knowledge.Rules;

/// <summary>
/// A complaint is a grievance about our service, staff, charges or handling that the customer wants dealt with.
/// Asking where or how to complain, with no grievance, is <c>service.complaint-channels</c>; a landlord's mark-up
/// is <c>billing.landlord-overcharge</c>.
/// </summary>
internal static partial class ComplaintRule
{
    public static string? Match(string t)
    {
        bool explicitComplaint = Explicit().IsMatch(t);
        bool strong = Strong().IsMatch(t);
        bool weak = Weak().IsMatch(t);
        if (!explicitComplaint && !strong && !weak && !Mild().IsMatch(t))
        {
            return null;
        }

        if (Landlord().IsMatch(t) && !Staff().IsMatch(t))
        {
            return null;
        }

        if (explicitComplaint)
        {
            // "我想投诉，打哪个电话" asks for the channel; with a grievance named it is a complaint.
            return ChannelQuestion().IsMatch(t) && !strong && !weak ? null : "explicit";
        }

        if (strong && (Target().IsMatch(t) || Staff().IsMatch(t)))
        {
            return "grievance";
        }

        // "对处理结果不满意，可以打12398吗" asks where to take it: mild words with a channel question are the channels.
        if (Mild().IsMatch(t) && (Target().IsMatch(t) || Staff().IsMatch(t)) && !ChannelQuestion().IsMatch(t))
        {
            return "grievance";
        }

        // Weaker words ("没人来", "还没解决") need our handling as target and days of waiting or plain anger.
        return weak && Target().IsMatch(t) && (Days().IsMatch(t) || Anger().IsMatch(t)) ? "unhandled" : null;
    }

    [GeneratedRegex("我要投诉|我想投诉|要投诉|投诉你们|投诉他|投诉她|投诉这|投诉那|投诉抄表|投诉师傅|投诉经理|投诉工作人员|投诉电工|投诉客服|必须投诉|我要举报|要举报|举报你们|举报他|举报她|实名投诉|实名举报|我投诉")]
    private static partial Regex Explicit();

    [GeneratedRegex("态度[^,，。 ]{0,3}(差|恶劣|不好|蛮横|冷漠|恶心|凶)|服务[^,，。 ]{0,3}(差|烂|垃圾|不行|太次)|骂人|骂我|凶我|吼我|大吼|吼人|什么态度|这态度|那态度|凶巴巴|摆架子|甩脸子|甩脸|不耐烦|爱答不理|不理人|不作为|推诿|推脱|踢皮球|敷衍|糊弄|乱收费|乱收钱|乱扣|坑人|坑钱|黑心|骗子|骗钱|欺负人|太过分|过分了|什么破|破服务|给个说法|给我个说法|给我一个说法|讨个说法|要个说法|没人管|不管不问|到底管不管|管不管|还管不管|曝光|找媒体|找记者|市长热线|打12345|拖着不|一拖再拖|必须[^,，。 ]{0,6}(处理|解决|赔|道歉|答复|给我)|赔偿我|给我道歉|赔我|挂我电话|挂电话|不给(解决|处理|办|弄|修)|效率[^,，。 ]{0,2}(低|差|太慢)|跑了[0-9一二三四五六七八九十几好多]+(趟|次)|跑断腿|来回跑")]
    private static partial Regex Strong();

    // Mild phrasings: residents rarely write "投诉"; dissatisfaction, carelessness, rudeness, asking for a superior.
    [GeneratedRegex("不满意|什么服务|这服务|这叫服务|这种服务|也不管|都不管|不管了|谁来管|谁管管|管一管|管管|领导重视|希望领导|找你们领导|跟你们领导|叫你们领导|重视一下|引起重视"
            + "|改进一下|希望改进|希望你们改进|改一改|好好改|整改|太随意|随随便便|马马虎虎|太马虎|不负责|不认真|能不能认真|认真点|应付了事|敷衍了事|估个数|瞎估|乱估"
            + "|说话难听|话很难听|话太难听|说话很冲|说话冲|不礼貌|没礼貌|没素质|素质差|我不认|不认这|烦死|太烦|烦人|骚扰|也不收拾|不收拾|(弄|搞|打|碰|踩)(脏|坏|破|乱|烂)了|我要找你们(经理|领导)|叫你们(经理|领导)|说不清楚|讲不清楚|(收了我|收我|找我要|跟我要)[^,，。]{0,8}(钱|块|元|费)|(怎么|为什么|咋)不[^,，。]{0,6}(说一声|通知|告诉)|从来不来|从不来|都是估|每次都估|这怎么行|怎么能这样|哪有这样|凭什么[^,，。 ]{0,4}(扣|收|多|停|断)")]
    private static partial Regex Mild();

    [GeneratedRegex("没人来|没人理|没人处理|没人解决|没人回|没人联系|一直没人|还不来|还没来|还没解决|没解决|没处理|拖了|不满意|多扣|多收|扣错|扣多|重复扣|扣了两次|不接电话|电话打不通|没回复|没回音|石沉大海|没个结果|没结果|没下文|没有下文|没动静|没人接|打不进|一直占线|不回消息|不回复|说好的|说好了|答应的|答应了|三天两头|隔三差五|动不动就停|老是停电|经常停电|总是停电|老停电")]
    private static partial Regex Weak();

    [GeneratedRegex("你们|供电|电力|抄表|师傅|通知|群里|催费|电工|经理|客服|工作人员|营业厅|95598|工单|报修|修|收费|电费|扣|处理|答复|回复|投诉")]
    private static partial Regex Target();

    [GeneratedRegex("你们|抄表员|抄表的|师傅|电工|经理|客服|工作人员|营业员|营业厅|供电所")]
    private static partial Regex Staff();

    [GeneratedRegex("[0-9一二两三四五六七八九十几]+(天|周|个星期|个月)|好几天|多少天|这么多天|一周|半个月|一个月|好久|半天|一整天|一上午|一下午|好几次|几次了|多次|到现在")]
    private static partial Regex Days();

    [GeneratedRegex("气死|生气|气人|火大|恼火|无语|离谱|搞什么|干什么吃的|到底|凭什么|必须|!{2,}|太差|这样不行|这不行|不像话|像话吗|说不过去|不合理|太不负责|怎么回事|真的受不了")]
    private static partial Regex Anger();

    [GeneratedRegex("房东|二房东|物业|中介|房主|包租|公寓|出租")]
    private static partial Regex Landlord();

    [GeneratedRegex("(怎么|去哪|在哪|哪里|如何|打什么|打哪|哪个电话|什么电话|找谁|找哪)[^,，。]{0,6}投诉|投诉[^,，。]{0,8}(怎么|去哪|在哪|哪里|如何|电话|热线|渠道|途径|多久|几天|有用|管用|找谁|找哪|打哪|号码|方式)|(可以|能|该|要|去)打[^,，。]{0,3}(12398|12345|95598)|(12398|12345)[^,，。]{0,4}(吗|管用|有用|管不管)|(去哪|到哪|找哪|哪里|在哪)[^,，。]{0,4}(反映|投诉|说理|举报)")]
    private static partial Regex ChannelQuestion();
}
