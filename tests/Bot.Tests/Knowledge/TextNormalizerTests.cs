using GridService.Bot.Knowledge.Text;

namespace GridService.Bot.Tests.Knowledge;

public sealed class TextNormalizerTests
{
    private static readonly string[] LibraryFolders = ["/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu", "/usr/lib", "/lib"];

    private readonly TextNormalizer _n = TextNormalizer.Default;

    [Theory]
    [InlineData("ＡＰＰ里怎么交费", "app里怎么交费")]
    [InlineData("@小电 电费怎么交", "电费怎么交")]
    [InlineData("电费怎么交 @RobotA", "电费怎么交")]
    [InlineData("电费怎么交？😀[捂脸]", "电费怎么交")]
    [InlineData("请问电费怎么交谢谢", "电费怎么交")]
    [InlineData("您好，麻烦问下户号在哪看，谢谢！", "户号在哪看")]
    [InlineData("俺家冇电咋整", "我家没电怎么办")]
    [InlineData("電費", "电费")]
    public void Normalize_Variants_GiveStandardForm(string input, string expected) =>
        Assert.Equal(expected, _n.Normalize(input));

    [Theory]
    [InlineData("dianbiao hongdeng yizhi shan", "电表红灯一直闪")]
    [InlineData("tiaozha le zenme ban", "跳闸了怎么办")]
    [InlineData("xiaoqu tingdian le ma", "小区停电了吗")]
    [InlineData("guohu yao shenme cailiao", "过户要什么材料")]
    [InlineData("jidian laidian", "几点来电")]
    [InlineData("huhao在哪看", "户号在哪看")]
    [InlineData("wangshang guowang zenme jiao", "网上国网怎么交")]
    public void Normalize_TonelessPinyin_BecomesCharacters(string input, string expected) =>
        Assert.Equal(expected, _n.Normalize(input));

    [Theory]
    [InlineData("wifi密码多少", "wifi密码多少")]
    [InlineData("ok 收到", "ok 收到")]
    [InlineData("1度电多少kwh", "1度电多少kwh")]
    [InlineData("hello", "hello")]
    public void Normalize_LatinWordsThatAreNotPinyin_StayAsTyped(string input, string expected) =>
        Assert.Equal(expected, _n.Normalize(input));

    [Fact]
    public void Normalize_BareThanks_IsKeptForRecognisers() =>
        Assert.Equal("谢谢", _n.Normalize("谢谢！"));

    [Fact]
    public void Normalize_OnThisMachine_UsesIcuWhenLibraryPresent()
    {
        bool icuOnDisk = LibraryFolders
            .Where(Directory.Exists)
            .Any(d => Directory.EnumerateFiles(d, "libicui18n.so*").Any());
        if (icuOnDisk)
        {
            Assert.True(_n.UsesIcu, _n.TraditionalSource);
        }

        Assert.Equal("为什么停电", _n.Normalize("為什麼停電"));
    }
}
