using GridService.Bot.Knowledge.Live;
using GridService.Bot.Knowledge.Text;

namespace GridService.Bot.Tests.Knowledge;

public sealed class MentionTests
{
    // A Friday.
    private static readonly DateOnly Today = new(2026, 12, 18);

    [Theory]
    [InlineData("12月20日停电吗", "2026-12-20")]
    [InlineData("十二月二十号停不停电", "2026-12-20")]
    [InlineData("明天停电吗", "2026-12-19")]
    [InlineData("大后天呢", "2026-12-21")]
    [InlineData("周六停电吗", "2026-12-19")]
    [InlineData("下周一要停电吗", "2026-12-21")]
    [InlineData("25号停不停", "2026-12-25")]
    [InlineData("3号停不停", "2027-01-03")]
    [InlineData("1月5日停电吗", "2027-01-05")]
    public void DateMentionFind_NamedDay_ResolvedFromToday(string text, string expected) =>
        Assert.Equal(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DateMention.Find(text, Today));

    [Theory]
    [InlineData("5号楼停电了吗")]
    [InlineData("电费怎么交")]
    public void DateMentionFind_NoDay_Null(string text) => Assert.Null(DateMention.Find(text, Today));

    [Theory]
    [InlineData("柳林村三组至六组", "我们五组停电了", true)]
    [InlineData("柳林村三组至六组", "二组没电了", false)]
    [InlineData("幸福里1-5号楼", "3栋停电了", true)]
    [InlineData("幸福里1-5号楼", "7号楼也黑了", false)]
    [InlineData("柳林村3、4组", "四组呢", true)]
    [InlineData("柳林村全村", "柳林村停电了吗", true)]
    [InlineData("柳林村全村", "石门村停电了吗", false)]
    public void PlaceMentionCovers_UnitOrName_ComparedWithScope(string scope, string text, bool covered)
    {
        var place = PlaceMention.Find(text);

        Assert.NotNull(place);
        Assert.Equal(covered, PlaceMention.Covers(scope, place));
    }

    [Theory]
    [InlineData("我们小区停电了")]
    [InlineData("整个村都黑了")]
    [InlineData("家里没电了")]
    public void PlaceMentionFind_NoNamedPlace_Null(string text) => Assert.Null(PlaceMention.Find(text));

    [Theory]
    [InlineData("户号3100123456", "户号\uE002")]
    [InlineData("电话138 1234 5678", "电话\uE001")]
    [InlineData("座机0316-5558866", "座机\uE001")]
    [InlineData("打95598", "打95598")]
    [InlineData("2026 12 20停电", "2026 12 20停电")]
    public void NumberMaskApply_ContactAndAccountNumbers_Masked(string text, string expected) =>
        Assert.Equal(expected, NumberMask.Apply(text));
}
