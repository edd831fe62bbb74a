namespace GridService.Bot.Tests.EndToEnd;

/// <summary>
/// A follow-up through the whole pipeline: the host keeps each sender's last question per chat, so "那去哪里办" after
/// a question about 过户 is answered on 过户, and the same words from someone else are not.
/// </summary>
public sealed class FollowUpTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ShortFollowUp_SameSender_AnsweredOnThePreviousQuestionsTopic()
    {
        await _host.SayAsync("grp-xingfuli", "u-xfl-004", "@小电 过户需要带哪些证件", "fu-1");
        var first = await _host.WaitForAsync("grp-xingfuli", l => l.Direction == "out" && l.ReplyTo == "fu-1");
        await _host.SayAsync("grp-xingfuli", "u-xfl-004", "@小电 那去哪里办", "fu-2");
        var second = await _host.WaitForAsync("grp-xingfuli", l => l.Direction == "out" && l.ReplyTo == "fu-2");

        Assert.Equal("answer", first.Kind);
        Assert.Equal("answer", second.Kind);
        Assert.Equal(first.Text, second.Text);
    }

    [Fact]
    public async Task ShortFollowUp_AnotherSender_NotReadAsTheFirstSendersTopic()
    {
        await _host.SayAsync("grp-liulin", "u-ll-002", "@小电 过户需要带哪些证件", "fo-1");
        var first = await _host.WaitForAsync("grp-liulin", l => l.Direction == "out" && l.ReplyTo == "fo-1");
        await _host.SayAsync("grp-liulin", "u-ll-003", "@小电 那去哪里办", "fo-2");
        await _host.SettleAsync();

        Assert.Equal("answer", first.Kind);
        Assert.DoesNotContain(await _host.TranscriptAsync("grp-liulin"), l => l.ReplyTo == "fo-2" && l.Text == first.Text);
    }
}
