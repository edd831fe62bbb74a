namespace GridService.Bot.Knowledge.Text;

/// <summary>
/// Used only where the system has no ICU (e.g. a trimmed container with invariant globalisation): the traditional
/// characters residents most often type about power service, so those questions still match the knowledge base.
/// </summary>
internal static class FallbackSimplified
{
    // Pairs of traditional and simplified characters, written as one string per line for review.
    private const string Pairs =
        "電电費费還还戶户號号繳缴錢钱帳账賬账單单線线斷断燈灯錶表閘闸開开關关維维檢检這这為为麼么來来時时會会沒没點点樣样" +
        "說说話话請请問问謝谢讓让發发現现壓压變变業业務务過过裝装辦办證证額额網网國国區区經经聯联繫系聲声響响燒烧壞坏" +
        "氣气漲涨價价貴贵應应該该嗎吗啟启動动與与從从個个們们給给對对錯错滿满準准間间幾几長长寬宽臺台颱台風风無无樓楼層层" +
        "碼码驗验詢询換换補补償偿賠赔損损護护險险漏漏觸触倒倒冒冒煙烟焦焦災灾專专卡卡扣扣簽签約约銀银行行訂订閱阅" +
        "費费滯滞納纳違违約约欠欠餘余額额預预付付費费複复讀读數数顯显錄录審审屬属權权產产證证書书遷迁輸输電电離离" +
        "處处理理嗎吗呢呢麼么啥啥咋咋誰谁哪哪裡里裏里邊边頭头兒儿車车樁桩陽阳伏伏併并網网臨临歸归換换閃闪紅红綠绿" +
        "鄰邻居居裡里黑黑亮亮亂乱線线纜缆桿杆掛挂歪歪傾倾斜斜塌塌跌跌傷伤亡亡溫温雷雷雨雨節节約约省省";

    public static Dictionary<char, char> Build()
    {
        var map = new Dictionary<char, char>();
        for (int i = 0; i + 1 < Pairs.Length; i += 2)
        {
            if (Pairs[i] != Pairs[i + 1])
            {
                map[Pairs[i]] = Pairs[i + 1];
            }
        }

        return map;
    }
}
