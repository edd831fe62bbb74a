using GridService.Bot.Misses;

namespace GridService.Bot.Tests.Misses;

public sealed class MissClustersTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static Miss Ask(string text, int minutes) => new(At.AddMinutes(minutes), "A01", "grp-xingfuli", text, "escalate:consult", 0.8);

    [Fact]
    public void Group_SameQuestionInOtherWords_IsOneClusterCountedTwice()
    {
        var clusters = MissClusters.Group([Ask("电表箱的锁坏了找谁换", 1), Ask("电费在哪里交", 2), Ask("电表箱锁坏了谁来换锁", 3)]);

        Assert.Equal(2, clusters.Count);
        Assert.Equal(2, clusters[0].Count);
        Assert.Equal("电表箱锁坏了谁来换锁", clusters[0].Latest.Text);
        Assert.Equal(["电表箱锁坏了谁来换锁", "电表箱的锁坏了找谁换"], clusters[0].Wordings);
        Assert.Equal("电费在哪里交", Assert.Single(clusters[1].Misses).Text);
    }

    [Fact]
    public void Similarity_PunctuationAndMention_AreIgnored()
    {
        Assert.Equal(1.0, MissClusters.Similarity("@小电 电费在哪里交？", "电费在哪里交"));
        Assert.True(MissClusters.Similarity("停电了什么时候来电", "电表灯一直闪") < MissClusters.Threshold);
    }
}
