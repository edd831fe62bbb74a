using System.Text.RegularExpressions;

namespace GridService.Bot.Knowledge.Rules;

/// <summary>
/// Messages the bot stays out of (label <c>none</c>): attempts to make it reveal data or its instructions, other
/// people's data, other utilities, adverts, greetings, thanks and chit-chat.
/// </summary>
internal static partial class NotForBotRule
{
    /// <summary>Attempts to get at instructions or at other people's data; checked before anything else answers.</summary>
    public static string? MatchPrivacy(string t)
    {
        if (Injection().IsMatch(t))
        {
            return "injection";
        }

        return OthersData(t) ? "others-data" : null;
    }

    /// <summary>Other utilities, adverts and small talk; <paramref name="withFiller"/> keeps polite words.</summary>
    public static string? MatchOffTopic(string t, string withFiller)
    {
        bool power = PowerLexicon.IsPowerRelated(t);
        if (!power && OtherUtility().IsMatch(t))
        {
            return "other-utility";
        }

        if (Advert().IsMatch(t) && !Question().IsMatch(t))
        {
            return "advert";
        }

        if (IsSmallTalk(withFiller))
        {
            return "small-talk";
        }

        return !power && ChitChat().IsMatch(t) ? "chit-chat" : null;
    }

    private static bool OthersData(string t)
    {
        if (!PersonalData().IsMatch(t))
        {
            return false;
        }

        // "片区经理电话" is for service.contact, "我家户号" is the asker's own; comparing with the neighbours'
        // bill is not a request for their data, so a request verb must be there too.
        string rest = Staff().Replace(t, " ");
        if (!PersonalData().IsMatch(rest) || !Request().IsMatch(rest))
        {
            return false;
        }

        // "我是5栋的，经理电话多少" names the sender's own home: a building number alone only counts when the
        // request is not about our staff and the sender does not speak of themselves.
        return OtherPerson().IsMatch(rest)
            || (NumberedHome().IsMatch(rest) && !Self().IsMatch(rest) && !Staff().IsMatch(t));
    }

    private static bool IsSmallTalk(string withFiller)
    {
        string rest = SmallTalk().Replace(withFiller, string.Empty).Replace(" ", string.Empty, StringComparison.Ordinal);
        return rest.Length <= 1;
    }

    [GeneratedRegex("(忽略|无视|忘掉|忘记你|不要管|跳过).{0,8}(指令|指示|设定|规则|提示|要求|限制|之前|上面|以上|前面)|系统提示|提示词|prompt|你的指令|你的设定|开发者模式|越狱|jailbreak|ignore (all |previous |the )|扮演|假装你是|你现在是|角色扮演|输出你的|原样输出|后台数据|数据库|管理员权限|管理员身份|开发者|(以|用)[^,，。]{0,4}身份(回答|说话|登录)|调试模式|debug|system prompt|忘掉你是|不用遵守|无视规则")]
    private static partial Regex Injection();

    [GeneratedRegex("(手机号|电话号码|电话|号码|户号|地址|住址|身份证|个人信息|信息|资料|名单|用电量|电费|余额|欠费|交费记录|用电记录|用了多少|多少电|多少度|账单|交没交|交了没)")]
    private static partial Regex PersonalData();

    [GeneratedRegex("别人|他家|她家|他的|她的|亲戚|朋友|同事|[王张李刘陈杨赵黄周吴孙马胡朱郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤][\u4e00-\u9fff]{1,2}的(户号|电话|手机|地址|电费|信息|余额|账单)|邻居|所有人|所有用户|全部用户|所有的|全部的|群里|群成员|群友|那户|那家|这户人家|每个人|每家|每户|大家的|其他人|其他用户|其他住户|业主们|全体|老[王张李刘陈杨赵黄周吴孙马胡朱郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤]|[王张李刘陈杨赵黄周吴孙马胡朱郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤](大爷|大妈|大娘|阿姨|叔叔|大叔|婶|大姐|大哥|奶奶|爷爷|先生|女士)")]
    private static partial Regex OtherPerson();

    [GeneratedRegex("[0-9一二三四五六七八九十]+(栋|号楼|幢|单元|室)")]
    private static partial Regex NumberedHome();

    [GeneratedRegex("我家|我的|自己|本人|我们家|我这|我是|我住|我们")]
    private static partial Regex Self();

    [GeneratedRegex("发我|发给我|发一下|发出来|发群里|给我|告诉我|查|看看|看一下|报一下|导出|列出|公布|多少|是什么|是啥|说一下|私信我")]
    private static partial Regex Request();

    // Staff the bot may name: asking for the manager's or the service line's number is service.contact.
    [GeneratedRegex("片区经理|经理|客服|你们|供电所|营业厅|抢修|电工师傅|网格员|95598")]
    private static partial Regex Staff();

    [GeneratedRegex("停水|来水|没水|水费|自来水|水管|水表|水压|燃气|煤气|天然气|液化气|暖气|供暖|宽带|网络|网速|wifi|路由器|光猫|移动公司|联通|电信|物业费|停车费|电梯|有线电视|路灯|漏水|水龙头|马桶|下水道|修手机|手机坏|电视信号|快递|垃圾费|垃圾清运|卫生费|话费|手机欠费|流量|网费|上网费|光纤|机顶盒|iptv|手机信号|信号不好|煤气罐|液化气罐|门禁|保安|装修|噪音|太吵|垃圾|外卖|供暖费|取暖费|暖气费|热力公司")]
    private static partial Regex OtherUtility();

    [GeneratedRegex("出售|低价|特价|甩卖|清仓|转让|招聘|兼职|贷款|理财|团购|拼单|代购|加微信|加我微信|加v|加vx|扫码|免费领|领取礼品|代理加盟|优惠券|促销|直播间|点击链接|http|www|回收|收购|高价收|上门服务|有意者|欢迎选购|欢迎咨询|需要的私聊|需要的联系|家政|保洁|开锁|搬家公司|办证")]
    private static partial Regex Advert();

    [GeneratedRegex("怎么|什么|吗|哪|多少|能不能|可以|为什么|是不是|咋|如何")]
    private static partial Regex Question();

    [GeneratedRegex("谢谢你们|谢谢您|谢谢了|谢谢啦|谢谢|多谢|感谢|辛苦了|辛苦|麻烦了|好的|好滴|好嘞|好吧|好啊|好|嗯嗯|嗯|哦哦|哦|噢|收到|明白了|明白|知道了|了解了|了解|懂了|ok|okay|行吧|行|可以了|没事了|没事|不用了|早上好|中午好|下午好|晚上好|早安|晚安|大家好|你好|您好|在吗|在不在|哈哈|呵呵|嘿嘿|赞|棒|厉害|牛|对的|是的|对|1|[+]1|啊|呀|吧|呢|哈|了|的|啦|嘞")]
    private static partial Regex SmallTalk();

    [GeneratedRegex("天气|吃饭|吃了吗|你是谁|你叫什么|机器人|真人|讲个笑话|唱首歌|几岁|多大了|聊天|无聊|睡觉|打麻将|广场舞|孩子上学|放假|过年好|新年快乐|节日快乐|生日快乐|恭喜|红包|群主|群管理|建群|退群|拉群|写作文|写作业|作业")]
    private static partial Regex ChitChat();
}
