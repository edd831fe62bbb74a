using System.Text;
using System.Text.RegularExpressions;
using GridService.Notifier.Delivery;

namespace GridService.Notifier.Tests.Delivery;

public sealed partial class MessageSplitterTests
{
    private const string Sentence = "因10千伏幸福线检修，幸福里小区1-5号楼将于11月28日08:00至12:00停电，请提前做好准备。";

    [Fact]
    public void Split_ShortText_ReturnsItUnmarked()
    {
        var parts = MessageSplitter.Split(Sentence, 2048);

        Assert.Equal([Sentence], parts);
    }

    [Fact]
    public void Split_BlankText_ReturnsNothing() => Assert.Empty(MessageSplitter.Split(" \n\t ", 2048));

    [Fact]
    public void Split_LongNotice_PartsFitMarkedInOrderAndEndAtSentences()
    {
        var text = string.Concat(Enumerable.Repeat(Sentence, 60)); // ~7.6 KB, no line breaks

        var parts = MessageSplitter.Split(text, 2048);

        Assert.Equal(4, parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            Assert.True(Encoding.UTF8.GetByteCount(parts[i]) <= 2048, $"part {i + 1} has {Encoding.UTF8.GetByteCount(parts[i])} bytes");
            Assert.StartsWith($"({i + 1}/4)\n", parts[i], StringComparison.Ordinal);
            Assert.EndsWith("。", parts[i], StringComparison.Ordinal);
        }

        Assert.Equal(text, string.Concat(parts.Select(Body)));
    }

    [Fact]
    public void Split_Paragraphs_CutsAtABlankLine()
    {
        var paragraph = string.Concat(Enumerable.Repeat(Sentence, 10));
        var text = paragraph + "\n\n" + paragraph + "\n\n" + paragraph; // each ~1.3 KB

        var parts = MessageSplitter.Split(text, 2048);

        Assert.Equal([paragraph, paragraph, paragraph], parts.Select(Body));
    }

    [Fact]
    public void Split_NoBoundaryAtAll_CutsBetweenCharactersNotInsideOne()
    {
        var text = string.Concat(Enumerable.Repeat("电😀", 800)); // 3 + 4 bytes per pair, no punctuation

        var parts = MessageSplitter.Split(text, 2048);

        Assert.All(parts, p => Assert.True(Encoding.UTF8.GetByteCount(p) <= 2048));
        Assert.All(parts, p => Assert.DoesNotContain('\uFFFD', Encoding.UTF8.GetString(Encoding.UTF8.GetBytes(p))));
        Assert.Equal(text, string.Concat(parts.Select(Body)));
    }

    [Fact]
    public void Split_Markdown_UsesTheLargerLimit()
    {
        var text = string.Concat(Enumerable.Repeat(Sentence + "\n", 30)); // ~3.8 KB

        Assert.Single(MessageSplitter.Split(text, 4096));
        Assert.Equal(2, MessageSplitter.Split(text, 2048).Count);
    }

    private static string Body(string part) => Marker().Replace(part, "");

    [GeneratedRegex(@"^\(\d+/\d+\)\n")]
    private static partial Regex Marker();
}
