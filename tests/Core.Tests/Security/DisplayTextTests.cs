using GridService.Core.Security;

namespace GridService.Core.Tests.Security;

public sealed class DisplayTextTests
{
    [Theory]
    [InlineData("王阿姨\u202E8765\u202C", "王阿姨8765")]
    [InlineData("a\u2066b\u2069c\u200Fd", "abcd")]
    [InlineData("电\u0000费\u0007在\u001B[31m哪", "电费在[31m哪")]
    [InlineData("停\u200B电\uFEFF了", "停电了")]
    [InlineData("第一行\n第二行\t完", "第一行\n第二行\t完")]
    [InlineData("𠀋一家", "𠀋一家")]
    public void Clean_ControlAndBidiCharacters_AreDropped(string text, string expected) => Assert.Equal(expected, DisplayText.Clean(text));

    [Fact]
    public void Clean_LongText_IsCutWithAnEllipsisAndNoHalfSurrogate()
    {
        var text = new string('电', 9) + "𠀋𠀋";

        var cut = DisplayText.Clean(text, 11);

        Assert.True(cut.Length <= 11);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(cut[^2]));
    }

    [Fact]
    public void Name_MultiLineAndLong_IsOneBoundedLine()
    {
        var name = DisplayText.Name("李经理\n（管理员）" + new string('x', 200));

        Assert.DoesNotContain('\n', name);
        Assert.True(name.Length <= DisplayText.MaxNameLength);
    }
}
