using GridService.Core.Chat;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace GridService.Core.Tests.Chat;

public sealed class TranscriptTests(StoreFixture fixture) : IClassFixture<StoreFixture>, IAsyncLifetime
{
    private static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(8));
    private TestStore _store = null!;

    public Task InitializeAsync()
    {
        _store = fixture.CreateStore();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    private static TranscriptEntry Line(string id, string text, DateTimeOffset at) => new(0, "in", id, "u-1", text, null, "text", at);

    [Fact]
    public async Task Append_PersonalNumbersAndControlCharacters_AreStoredMasked()
    {
        var transcript = new Transcript(_store.Store);

        await transcript.AppendAsync("grp-a", Line("m1", "电话138 1234 5678，身份证11010119900307123X，卡号6222 0212 3456 7890\u202E", Start));
        await transcript.AppendAsync("dm:u-1", Line("m2", "您的户号3101000004本月应缴128.50元", Start));

        var group = Assert.Single(await transcript.ReadAsync("grp-a"));
        var dm = Assert.Single(await transcript.ReadAsync("dm:u-1"));
        Assert.Equal("电话138****5678，身份证1101****123X，卡号6222****7890", group.Text);
        Assert.Equal("您的户号31****0004本月应缴128.50元", dm.Text);
        var raw = string.Join("\n", (await _store.Store.Db.ListRangeAsync($"{_store.Prefix}:{{tr:grp-a}}:log")).Select(v => (string)v!));
        Assert.DoesNotContain("12345678", raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Trim_OlderThanRetentionAndOverTheCap_DropsTheOldestAndKeepsSequenceNumbers()
    {
        var transcript = new Transcript(_store.Store);
        for (var i = 1; i <= 10; i++) await transcript.AppendAsync("grp-a", Line($"old-{i}", $"旧消息{i}", Start.AddDays(-100)));
        for (var i = 1; i <= 150; i++) await transcript.AppendAsync("grp-a", Line($"new-{i}", $"新消息{i}", Start.AddMinutes(i)));
        var clock = new FakeTimeProvider(Start.AddHours(3));
        var trimmer = new TranscriptTrimmer(transcript, Options.Create(new TranscriptOptions { MaxLinesPerConversation = 100 }), clock,
            NullLogger<TranscriptTrimmer>.Instance);

        var dropped = await trimmer.TrimAllAsync();

        var kept = await transcript.ReadAsync("grp-a");
        Assert.Equal(60, dropped);
        Assert.Equal(100, kept.Count);
        Assert.Equal(("new-51", 61L), (kept[0].MessageId, kept[0].Seq));
        Assert.Equal(("new-150", 160L), (kept[^1].MessageId, kept[^1].Seq));
        Assert.Equal("new-101", (await transcript.ReadAsync("grp-a", after: 110))[0].MessageId);
        Assert.Equal(0, await trimmer.TrimAllAsync());
        Assert.Equal(161, await transcript.AppendAsync("grp-a", Line("next", "又一条", Start.AddHours(3))));
    }

    [Fact]
    public async Task Trim_Default_KeepsNinetyDays()
    {
        var transcript = new Transcript(_store.Store);
        await transcript.AppendAsync("grp-b", Line("a", "91天前", Start.AddDays(-91)));
        await transcript.AppendAsync("grp-b", Line("b", "89天前", Start.AddDays(-89)));
        var trimmer = new TranscriptTrimmer(transcript, Options.Create(new TranscriptOptions()), new FakeTimeProvider(Start),
            NullLogger<TranscriptTrimmer>.Instance);

        await trimmer.TrimAllAsync();

        Assert.Equal(["b"], (await transcript.ReadAsync("grp-b")).Select(l => l.MessageId));
    }
}
