using System.Net;
using System.Net.Http.Json;
using System.Text;
using GridService.Bot.Channels.Bridge;

namespace GridService.Bot.Tests.EndToEnd;

public sealed class ChatApiTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await TestHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Inbound_CustomerAsksHowToPay_BotAnswersInTheGroupWithinTwoSeconds()
    {
        var sent = await _host.SayAsync("grp-xingfuli", "u-xfl-001", "@小电 电费在哪里交", "pay-1");
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Equal("queued", (await sent.Content.ReadFromJsonAsync<StatusReply>())!.Status);

        var reply = await _host.WaitForAsync("grp-xingfuli", l => l.Direction == "out" && l.ReplyTo == "pay-1", TimeSpan.FromSeconds(2));

        Assert.Contains("网上国网", reply.Text, StringComparison.Ordinal);
        var question = Assert.Single(await _host.TranscriptAsync("grp-xingfuli"), l => l.MessageId == "pay-1");
        Assert.True(question.Seq < reply.Seq);
    }

    [Fact]
    public async Task Inbound_SameMessageIdTwice_SecondIsDuplicateAndAnsweredOnce()
    {
        Assert.Equal(HttpStatusCode.Accepted, (await _host.SayAsync("grp-liulin", "u-ll-001", "@小电 怎么交电费", "dup-1")).StatusCode);
        var again = await _host.SayAsync("grp-liulin", "u-ll-001", "@小电 怎么交电费", "dup-1");

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("duplicate", (await again.Content.ReadFromJsonAsync<StatusReply>())!.Status);
        await _host.WaitForAsync("grp-liulin", l => l.ReplyTo == "dup-1");
        await _host.SettleAsync();
        Assert.Single(await _host.TranscriptAsync("grp-liulin"), l => l.ReplyTo == "dup-1");
        Assert.Single(await _host.TranscriptAsync("grp-liulin"), l => l.MessageId == "dup-1");
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"groupId\":\"grp-xingfuli\",\"senderId\":\"u\",\"text\":\"hi\"}")]
    [InlineData("{\"messageId\":\"x\",\"groupId\":\"grp-xingfuli\",\"senderId\":\"u\",\"text\":42}")]
    [InlineData("[1,2,3]")]
    public async Task Inbound_MalformedBody_Returns400ProblemAndQueuesNothing(string body)
    {
        var before = await _host.TranscriptAsync("grp-xingfuli");
        var response = await _host.Http.PostAsync("/api/chat/inbound", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before.Count, (await _host.TranscriptAsync("grp-xingfuli")).Count);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("99999999999999999999")]
    public async Task Transcript_AfterNotASeq_Returns400SayingWhatAfterIs(string after)
    {
        var response = await _host.Http.GetAsync($"/api/chat/groups/grp-xingfuli/transcript?after={Uri.EscapeDataString(after)}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("after must be a line's seq", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transcript_AfterASeq_ReadsTheLinesAfterIt()
    {
        await _host.SayAsync("grp-xingfuli", "u-xfl-001", "@小电 电费在哪里交", "after-1");
        await _host.WaitForAsync("grp-xingfuli", l => l.ReplyTo == "after-1");
        var all = await _host.TranscriptAsync("grp-xingfuli");

        var later = await _host.TranscriptAsync("grp-xingfuli", all[0].Seq);

        Assert.Equal(all.Skip(1).Select(l => l.Seq), later.Select(l => l.Seq));
    }

    [Fact]
    public async Task Inbound_UnknownGroup_Returns404()
    {
        var response = await _host.SayAsync("grp-nowhere", "u-1", "@小电 你好");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Inbound_OversizedBody_IsRefused()
    {
        var response = await _host.SayAsync("grp-xingfuli", "u-xfl-001", "@小电 " + new string('电', 70_000));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task Groups_ListsTheSampleCountysGroupsWithManagers()
    {
        var groups = await _host.Http.GetFromJsonAsync<List<GroupInfo>>("/api/groups", TestHost.Json);

        Assert.Contains(groups!, g => g.Id == "grp-xingfuli" && g.AreaId == "A01" && g.ManagerIds.Contains("wangjianhua"));
        Assert.Equal(3, groups!.Count);
    }

    [Fact]
    public async Task Health_LiveAndReady()
    {
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _host.Http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Inbound_NotAddressedToBot_IsLoggedButNotAnswered()
    {
        await _host.SayAsync("grp-shimen", "u-sm-001", "今天天气不错", "chat-1", mentionsBot: false);
        await _host.SayAsync("grp-shimen", "u-sm-001", "@小电 怎么交电费", "chat-2");

        await _host.WaitForAsync("grp-shimen", l => l.ReplyTo == "chat-2");
        Assert.DoesNotContain(await _host.TranscriptAsync("grp-shimen"), l => l.ReplyTo == "chat-1");
    }
}
