using System.Text;

namespace GridService.Bot.Knowledge.Text;

/// <summary>
/// Toneless pinyin typed for want of a Chinese keyboard ("dian fei zai na jiao", "huhao咋查", "tingdian le ma")
/// turned into the characters a resident of a power-supply group most likely meant, so it meets the knowledge base
/// and the model in the same form as characters. A run of Latin words is converted only where it splits completely
/// into known pinyin words, fewest pieces first; any other run ("app", "wifi", "kwh", "ok") is left as typed.
/// </summary>
internal static class PinyinMap
{
    // Toneless syllables have many readings; each word is given the one a question about power means. Longer words
    // settle most of the ambiguity ("jidian" 几点, "dianfei" 电费), so single syllables are few and common.
    private static readonly Dictionary<string, string> Words = Build(
        // Power and billing.
        "dian:电 dianfei:电费 feiyong:费用 dianjia:电价 dianliang:电量 dushu:度数 jiaofei:交费 jiaoqian:交钱 jiaodianfei:交电费 " +
        "qianfei:欠费 qianqian:欠钱 yue:余额 yuee:余额 chongzhi:充值 kouqian:扣钱 koukuan:扣款 daikou:代扣 zidong:自动 " +
        "zhangdan:账单 fapiao:发票 huhao:户号 hubian:户编 hubianhao:户编号 yonghu:用户 zhanghu:账户 jieti:阶梯 fengu:峰谷 " +
        "fenggu:峰谷 gufeng:谷峰 weiyuejin:违约金 zhinajin:滞纳金 duanxin:短信 tixing:提醒 yuqi:逾期 tuifei:退费 tuikuan:退款 " +
        "tingdian:停电 laidian:来电 meidian:没电 duandian:断电 songdian:送电 fudian:复电 huifu:恢复 yongdian:用电 " +
        "tongdian:通电 jihua:计划 jianxiu:检修 guzhang:故障 tongzhi:通知 gonggao:公告 qiangxiu:抢修 baoxiu:报修 weixiu:维修 " +
        "xiuli:修理 xiu:修 shifu:师傅 dianbiao:电表 biao:表 biaoxiang:表箱 dianxiang:电箱 tiaozha:跳闸 kongkai:空开 " +
        "dianzha:电闸 zha:闸 loubao:漏保 loudian:漏电 chudian:触电 dianya:电压 dianliu:电流 shanshuo:闪烁 bianyaqi:变压器 " +
        "dianxian:电线 xianlu:线路 diangan:电杆 dianxiangan:电线杆 gaoyaxian:高压线 chazuo:插座 kaiguan:开关 maoyan:冒烟 " +
        "zhaohuo:着火 qihuo:起火 huohua:火花 fangdian:放电 dahuo:打火 jiaowei:焦味 guohu:过户 gengming:更名 kaihu:开户 " +
        "xiaohu:销户 zengrong:增容 shenqing:申请 banli:办理 shouxu:手续 cailiao:材料 chongdianzhuang:充电桩 chongdian:充电 " +
        "guangfu:光伏 linshi:临时 yinghuoting:营业厅 gongdiansuo:供电所 gongdianju:供电所 kefu:客服 rengong:人工 " +
        "jingli:经理 pianqu:片区 pianqujingli:片区经理 tousu:投诉 jiaobiao:校表 hebiao:核表 chaobiao:抄表 dengshang:灯上 " +
        "hongdeng:红灯 liang:亮 shan:闪 jiadian:家电 dianqi:电器 shaohuai:烧坏 peichang:赔偿 anquan:安全 shengdian:省电 " +
        "wangshangguowang:网上国网 guowang:国网 weixin:微信 zhifubao:支付宝 yinhang:银行 " +
        // Questions, time and place.
        "zenme:怎么 zenmeban:怎么办 zenyang:怎样 zenmehuishi:怎么回事 huishi:回事 weisha:为啥 weishenme:为什么 " +
        "shenme:什么 shenmeshihou:什么时候 shihou:时候 sha:啥 shashihou:啥时候 nali:哪里 nar:哪儿 nage:哪个 naxie:哪些 " +
        "duoshao:多少 duojiu:多久 jitian:几天 jidian:几点 jige:几个 ma:吗 ne:呢 a:啊 ba:吧 la:啦 ya:呀 " +
        "mingtian:明天 jintian:今天 houtian:后天 zuotian:昨天 zuowan:昨晚 xianzai:现在 gangcai:刚才 yizhi:一直 " +
        "shangwu:上午 xiawu:下午 wanshang:晚上 zaoshang:早上 banye:半夜 zhege:这个 zheli:这里 nabian:那边 zhebian:这边 " +
        "xiaoqu:小区 cunli:村里 louli:楼里 zhengdong:整栋 quancun:全村 zhengge:整个 yuefen:月份 benyue:本月 " +
        "zhegeyue:这个月 shanggeyue:上个月 meigeyue:每个月 " +
        // Everyday words.
        "wo:我 wojia:我家 women:我们 jiali:家里 ni:你 nimen:你们 ta:他 tamen:他们 zhiyou:只有 linju:邻居 biede:别的 " +
        "you:有 meiyou:没有 mei:没 hai:还 haimei:还没 haishi:还是 bu:不 shi:是 bushi:不是 le:了 de:的 zai:在 na:哪 " +
        "jiao:交 cha:查 kan:看 zhao:找 da:打 dianhua:电话 hao:号 haoma:号码 yao:要 xiang:想 neng:能 keyi:可以 " +
        "hui:会 zhidao:知道 buzhidao:不知道 qingwen:请问 wen:问 xie:写 gao:高 taigao:太高 tai:太 gui:贵 duo:多 " +
        "shao:少 kuai:快 man:慢 huai:坏 jiu:就 ye:也 dou:都 hen:很 zhen:真 ting:停 lai:来 qu:去 zou:走 kai:开 " +
        "guan:关 deng:灯 fangzi:房子 fangdong:房东 zufang:租房 zuhu:租户 laoren:老人 haizi:孩子 xiaohai:小孩 " +
        "qian:钱 fei:费 nian:年 tian:天 ci:次 ge:个 du:度 kuaiqian:块钱 yuan:元 xiexie:谢谢 nihao:你好 " +
        "bangmang:帮忙 bang:帮 yixia:一下 cun:村 cunkou:村口 menkou:门口 loudao:楼道 louxia:楼下 ban:办 wangshang:网上 shang:上 xia:下 ");

    // The longest word, in letters; the segmentation never looks further.
    private static readonly int Longest = Words.Keys.Max(k => k.Length);

    /// <summary>Converts every run of pinyin in <paramref name="sb"/> (already lower-cased) in place.</summary>
    public static void Apply(StringBuilder sb)
    {
        if (!HasLetters(sb))
        {
            return;
        }

        string s = sb.ToString();
        var result = new StringBuilder(s.Length);
        int i = 0;
        while (i < s.Length)
        {
            if (!IsLetter(s[i]))
            {
                result.Append(s[i++]);
                continue;
            }

            // A run: Latin words separated by single spaces. All or nothing: a run with a word that is not pinyin
            // ("app", "ok", or a syllable the table lacks) stays as typed, so a half-converted run never hides pinyin
            // from the hazard policy's own pinyin check.
            int end = i;
            while (end < s.Length && (IsLetter(s[end]) || (s[end] == ' ' && end > i && end + 1 < s.Length && IsLetter(s[end + 1]))))
            {
                end++;
            }

            string run = s[i..end];
            result.Append(Segment(run.Replace(" ", string.Empty, StringComparison.Ordinal)) ?? run);
            i = end;
        }

        sb.Clear().Append(result);
    }

    /// <summary>The characters for <paramref name="letters"/> if it splits completely into known words, else null.</summary>
    internal static string? Segment(string letters)
    {
        if (letters.Length < 1 || letters.Length > 120)
        {
            return null;
        }

        // Fewest pieces wins: a longer word carries its own reading ("jidian" is 几点, not 几电).
        var pieces = new int[letters.Length + 1];
        var from = new int[letters.Length + 1];
        Array.Fill(pieces, int.MaxValue);
        pieces[0] = 0;
        for (int end = 1; end <= letters.Length; end++)
        {
            for (int start = Math.Max(0, end - Longest); start < end; start++)
            {
                if (pieces[start] != int.MaxValue && pieces[start] + 1 < pieces[end] && Words.ContainsKey(letters[start..end]))
                {
                    pieces[end] = pieces[start] + 1;
                    from[end] = start;
                }
            }
        }

        if (pieces[letters.Length] == int.MaxValue)
        {
            return null;
        }

        var parts = new List<string>();
        for (int end = letters.Length; end > 0; end = from[end])
        {
            parts.Add(Words[letters[from[end]..end]]);
        }

        parts.Reverse();
        return string.Concat(parts);
    }

    private static bool HasLetters(StringBuilder sb)
    {
        foreach (var chunk in sb.GetChunks())
        {
            foreach (char c in chunk.Span)
            {
                if (IsLetter(c))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool IsLetter(char c) => c is >= 'a' and <= 'z';

    private static Dictionary<string, string> Build(string table)
    {
        var words = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in table.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            int colon = pair.IndexOf(':', StringComparison.Ordinal);
            words.TryAdd(pair[..colon], pair[(colon + 1)..]);
        }

        return words;
    }
}
