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
        if (!explicitComplaint && !strong && !weak)
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

        // Weaker words ("没人来", "还没解决") need our handling as target and days of waiting or plain anger.
        return weak && Target().IsMatch(t) && (Days().IsMatch(t) || Anger().IsMatch(t)) ? "unhandled" : null;
    }

    [GeneratedRegex("我要投诉|我想投诉|要投诉|投诉你们|投诉他|投诉她|投诉这|投诉那|投诉抄表|投诉师傅|投诉经理|投诉工作人员|投诉电工|投诉客服|必须投诉|我要举报|要举报|举报你们|举报他|举报她|实名投诉|实名举报|我投诉")]
    private static partial Regex Explicit();

    [GeneratedRegex("态度[^,，。 ]{0,3}(差|恶劣|不好|蛮横|冷漠|恶心|凶)|服务[^,，。 ]{0,3}(差|烂|垃圾|不行|太次)|骂人|骂我|凶我|吼我|大吼|吼人|什么态度|这态度|那态度|凶巴巴|摆架子|甩脸子|甩脸|不耐烦|爱答不理|不理人|不作为|推诿|推脱|踢皮球|敷衍|糊弄|乱收费|乱收钱|乱扣|坑人|坑钱|黑心|骗子|骗钱|欺负人|太过分|过分了|什么破|破服务|给个说法|给我个说法|给我一个说法|讨个说法|要个说法|没人管|不管不问|到底管不管|管不管|还管不管|曝光|找媒体|找记者|市长热线|打12345|拖着不|一拖再拖|必须[^,，。 ]{0,6}(处理|解决|赔|道歉|答复|给我)|赔偿我|给我道歉|赔我")]
    private static partial Regex Strong();

    [GeneratedRegex("没人来|没人理|没人处理|没人解决|没人回|没人联系|一直没人|还不来|还没来|还没解决|没解决|没处理|拖了|不满意|多扣|多收|扣错|扣多|重复扣|扣了两次|不接电话|电话打不通|没回复|没回音|石沉大海")]
    private static partial Regex Weak();

    [GeneratedRegex("你们|供电|电力|抄表|师傅|电工|经理|客服|工作人员|营业厅|95598|工单|报修|修|收费|电费|扣|处理|答复|回复|投诉")]
    private static partial Regex Target();

    [GeneratedRegex("你们|抄表员|抄表的|师傅|电工|经理|客服|工作人员|营业员|营业厅|供电所")]
    private static partial Regex Staff();

    [GeneratedRegex("[0-9一二两三四五六七八九十几]+(天|周|个星期|个月)|好几天|多少天|这么多天|一周|半个月|一个月|好久")]
    private static partial Regex Days();

    [GeneratedRegex("气死|生气|气人|火大|恼火|无语|离谱|搞什么|干什么吃的|到底|凭什么|必须|!{2,}|太差")]
    private static partial Regex Anger();

    [GeneratedRegex("房东|二房东|物业|中介|房主|包租|公寓|出租")]
    private static partial Regex Landlord();

    [GeneratedRegex("(怎么|去哪|在哪|哪里|如何|打什么|打哪|哪个电话|什么电话|找谁|找哪)[^,，。]{0,6}投诉|投诉[^,，。]{0,8}(怎么|去哪|在哪|哪里|如何|电话|热线|渠道|途径|多久|几天|有用|管用|找谁|找哪|打哪|号码|方式)")]
    private static partial Regex ChannelQuestion();
}
