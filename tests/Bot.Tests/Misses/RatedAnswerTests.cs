using GridService.Bot.Misses;

namespace GridService.Bot.Tests.Misses;

/// <summary>An answer the asker rates 👎 becomes a miss: the question, the decision, masked, once.</summary>
public sealed class RatedAnswerTests(StoreFixture fixture) : IClassFixture<StoreFixture>
{
    private static readonly DateTimeOffset Asked = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AddRatedInaccurate_RememberedAnswer_BecomesOneMaskedMissMarkedInaccurate()
    {
        await using var store = fixture.CreateStore();
        var log = new MissLog(store.Store);
        await log.RememberAnswerAsync("bot-re-wecom-aibot-m1",
            new Miss(Asked, "A01", "grp-xingfuli", "电费在哪交 我电话13912345678", "answer:billing.pay-channels", 0.93));

        var first = await log.AddRatedInaccurateAsync("bot-re-wecom-aibot-m1", Asked.AddMinutes(3));
        var again = await log.AddRatedInaccurateAsync("bot-re-wecom-aibot-m1", Asked.AddMinutes(4));

        Assert.NotNull(first);
        Assert.Null(again);
        var miss = Assert.Single(await log.ListAsync("A01"));
        Assert.Equal(Miss.Inaccurate, miss.Rating);
        Assert.Equal(Asked.AddMinutes(3), miss.At);
        Assert.Equal(("grp-xingfuli", "answer:billing.pay-channels", 0.93), (miss.GroupId, miss.Decision, miss.Confidence));
        Assert.Contains("139****5678", miss.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", miss.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddRatedInaccurate_NoAnswerRemembered_AddsNothing()
    {
        await using var store = fixture.CreateStore();
        var log = new MissLog(store.Store);

        Assert.Null(await log.AddRatedInaccurateAsync("bot-re-wecom-aibot-never", Asked));
        Assert.Empty(await log.ListAsync());
    }

    [Fact]
    public void Cluster_CountsTheMissesRatedInaccurate()
    {
        var clusters = MissClusters.Group(
        [
            new Miss(Asked, "A01", "grp-xingfuli", "电费在哪里交", "answer:billing.pay-channels", 0.9, Miss.Inaccurate),
            new Miss(Asked.AddMinutes(1), "A01", "grp-xingfuli", "电费在哪里交啊", "answer:billing.pay-channels", 0.4),
        ]);

        Assert.Equal(1, Assert.Single(clusters).RatedInaccurate);
    }
}
