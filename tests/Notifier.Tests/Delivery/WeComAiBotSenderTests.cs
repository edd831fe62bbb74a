using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using GridService.Core.Chat;
using GridService.Core.Domain;
using GridService.Core.Grid;
using GridService.Core.Queues;
using GridService.Notifier.Delivery;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GridService.Notifier.Tests.Delivery;

public sealed class WeComAiBotSenderTests(StoreFixture fixture) : IClassFixture<StoreFixture>, IAsyncLifetime, IDisposable
{
    private const string Url = "https://wecom.test/cgi-bin/aibot/response?response_code=abc";

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.FromHours(8)));
    private readonly StubWeCom _weCom = new();
    private TestStore _store = null!;
    private ReplyAddresses _urls = null!;
    private Outbox _outbox = null!;
    private WeComAiBotSender _sender = null!;

    public async Task InitializeAsync()
    {
        _store = fixture.CreateStore();
        var directory = new GridDirectory(_store.Store);
        await directory.SaveGroupAsync(new ChatGroup("grp-robot", "A01", "幸福里", "小电", [], "wecom-robot"));
        await directory.SaveGroupAsync(new ChatGroup("grp-aibot-only", "A01", "幸福里二群", "小电", [], "wecom-aibot"));
        _urls = new ReplyAddresses(_store.Store, _time);
        _outbox = new Outbox(_store.Store, _time);
        var noLongConnection = new AiBotRouting(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        var pushes = new GridService.Notifier.Delivery.WeCom.AiBotPushSender(new AiBotPushes(_store.Store, _time),
            Microsoft.Extensions.Options.Options.Create(new DeliveryOptions()), _time, NullLogger<GridService.Notifier.Delivery.WeCom.AiBotPushSender>.Instance);
        _sender = new WeComAiBotSender(_weCom, _urls, directory, _outbox, noLongConnection, pushes, NullLogger<WeComAiBotSender>.Instance);
    }

    public async Task DisposeAsync() => await _store.DisposeAsync();

    public void Dispose() => _weCom.Dispose();

    [Fact]
    public async Task Send_FreshResponseUrl_PostsTheTextAsMarkdownToThatUrl()
    {
        await _urls.RecordAsync(Url);

        await _sender.SendAsync(Reply("r-1", "grp-robot", "您好，电费可在“网上国网”App缴纳。"), CancellationToken.None);

        var post = Assert.Single(_weCom.Posts);
        Assert.Equal(Url, post.Url);
        using var json = JsonDocument.Parse(post.Body);
        Assert.Equal("markdown", json.RootElement.GetProperty("msgtype").GetString());
        Assert.Equal("您好，电费可在“网上国网”App缴纳。", json.RootElement.GetProperty("markdown").GetProperty("content").GetString());
        Assert.Contains("网上国网", post.Body, StringComparison.Ordinal); // UTF-8, not \u escapes
        Assert.Equal(0, (await _outbox.Queue.CountsAsync()).Ready);
    }

    [Fact]
    public async Task Send_ResponseUrlOlderThanAnHour_GoesToTheGroupsRobotInsteadWithoutPosting()
    {
        await _urls.RecordAsync(Url);
        _time.Advance(TimeSpan.FromMinutes(61));

        await _sender.SendAsync(Reply("r-2", "grp-robot", "答复"), CancellationToken.None);

        Assert.Empty(_weCom.Posts);
        var fallback = await SingleQueuedAsync();
        Assert.Equal(("r-2-fallback", "wecom-robot", "grp-robot", "答复", null), (fallback.Id, fallback.Channel, fallback.GroupId, fallback.Text, fallback.ReplyAddress));
    }

    [Fact]
    public async Task Send_ResponseUrlUsedByAnotherReply_GoesToTheGroupsRobotInstead()
    {
        await _urls.RecordAsync(Url);
        await _sender.SendAsync(Reply("r-3", "grp-robot", "第一条"), CancellationToken.None);

        await _sender.SendAsync(Reply("r-4", "grp-robot", "第二条"), CancellationToken.None);

        Assert.Single(_weCom.Posts);
        Assert.Equal("r-4-fallback", (await SingleQueuedAsync()).Id);
    }

    [Fact]
    public async Task Send_ResponseUrlNeverSeen_GoesToTheGroupsRobotInstead()
    {
        await _sender.SendAsync(Reply("r-5", "grp-robot", "答复"), CancellationToken.None);

        Assert.Empty(_weCom.Posts);
        Assert.Equal("r-5-fallback", (await SingleQueuedAsync()).Id);
    }

    [Fact]
    public async Task Send_WeComServerError_ThrowsForARetryThatThenPostsOnce()
    {
        await _urls.RecordAsync(Url);
        _weCom.Answers.Enqueue((HttpStatusCode.BadGateway, "bad gateway"));
        var reply = Reply("r-6", "grp-robot", "答复");

        await Assert.ThrowsAsync<HttpRequestException>(() => _sender.SendAsync(reply, CancellationToken.None));
        await _sender.SendAsync(reply, CancellationToken.None);

        Assert.Equal(2, _weCom.Posts.Count);
        Assert.Equal(0, (await _outbox.Queue.CountsAsync()).Ready);
    }

    [Fact]
    public async Task Send_WeComBusyErrcode_ThrowsForARetry()
    {
        await _urls.RecordAsync(Url);
        _weCom.Answers.Enqueue((HttpStatusCode.OK, """{"errcode":45009,"errmsg":"api freq out of limit"}"""));

        await Assert.ThrowsAsync<HttpRequestException>(() => _sender.SendAsync(Reply("r-7", "grp-robot", "答复"), CancellationToken.None));

        Assert.Equal(0, (await _outbox.Queue.CountsAsync()).Ready);
    }

    [Fact]
    public async Task Send_WeComRefusesTheUrl_GoesToTheGroupsRobotInstead()
    {
        await _urls.RecordAsync(Url);
        _weCom.Answers.Enqueue((HttpStatusCode.OK, """{"errcode":40001,"errmsg":"invalid response_code"}"""));

        await _sender.SendAsync(Reply("r-8", "grp-robot", "答复"), CancellationToken.None);

        Assert.Equal("r-8-fallback", (await SingleQueuedAsync()).Id);
    }

    [Fact]
    public async Task Send_PrivateReplyWithExpiredUrl_FailsPermanentlyNamingBothReasons()
    {
        await _urls.RecordAsync(Url);
        _time.Advance(TimeSpan.FromHours(2));

        var ex = await Assert.ThrowsAsync<PermanentFailureException>(() => _sender.SendAsync(Reply("r-9", "", "私聊答复"), CancellationToken.None));

        Assert.Contains("more than an hour old", ex.Message, StringComparison.Ordinal);
        Assert.Contains("private reply", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("response_code", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_GroupWhoseOnlyChannelIsTheAiBot_FailsPermanentlyWhenTheUrlIsGone()
    {
        var ex = await Assert.ThrowsAsync<PermanentFailureException>(() => _sender.SendAsync(Reply("r-10", "grp-aibot-only", "答复"), CancellationToken.None));

        Assert.Contains("grp-aibot-only", ex.Message, StringComparison.Ordinal);
        Assert.Equal(0, (await _outbox.Queue.CountsAsync()).Ready);
    }

    [Fact]
    public void Cut_TextOverTheLimit_EndsWithAnEllipsisWithinTheLimitOnACharacterBoundary()
    {
        var text = string.Concat(Enumerable.Repeat("电费😀", 3000));

        var cut = WeComAiBotSender.Cut(text, WeComAiBotSender.MaxContentBytes);

        Assert.True(Encoding.UTF8.GetByteCount(cut) <= WeComAiBotSender.MaxContentBytes);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.False(char.IsHighSurrogate(cut[^2]));
        Assert.StartsWith(cut[..^1], text, StringComparison.Ordinal);
    }

    private OutboundMessage Reply(string id, string groupId, string text) => new(
        id, WeComAiBotSender.Name, groupId, groupId.Length == 0 ? "u-1" : null, text, "answer", "m-1", false, _time.GetUtcNow(), ReplyAddress: Url);

    private async Task<OutboundMessage> SingleQueuedAsync()
    {
        var item = await _outbox.Queue.TryTakeAsync(TimeSpan.FromMinutes(1));
        Assert.NotNull(item);
        Assert.Null(await _outbox.Queue.TryTakeAsync(TimeSpan.FromMinutes(1)));
        return JsonSerializer.Deserialize(item.Payload, CoreJson.Default.OutboundMessage)!;
    }

    /// <summary>WeCom's reply endpoint in memory: records each post and answers from a script (default: errcode 0).</summary>
    private sealed class StubWeCom : HttpMessageHandler, IHttpClientFactory
    {
        public ConcurrentQueue<(HttpStatusCode Status, string Body)> Answers { get; } = new();

        public List<(string Url, string Body)> Posts { get; } = [];

        public HttpClient CreateClient(string name) => new(this, disposeHandler: false);

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = await request.Content!.ReadAsStringAsync(cancellationToken);
            lock (Posts) Posts.Add((request.RequestUri!.ToString(), body));
            var (status, answer) = Answers.TryDequeue(out var next) ? next : (HttpStatusCode.OK, """{"errcode":0,"errmsg":"ok"}""");
            return new HttpResponseMessage(status) { Content = new StringContent(answer, Encoding.UTF8, "application/json") };
        }
    }
}
