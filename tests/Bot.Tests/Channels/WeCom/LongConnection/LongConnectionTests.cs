using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GridService.Bot.Channels.WeCom.LongConnection;
using GridService.Bot.Misses;
using GridService.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace GridService.Bot.Tests.Channels.WeCom.LongConnection;

/// <summary>
/// The AI bot on WeCom's long connection, end to end: the real host (Bot and Notifier) connected to a local fake WeCom
/// over a real WebSocket; questions come in as frames and the answers go out as frames.
/// </summary>
public sealed class LongConnectionTests : IAsyncLifetime
{
    private static readonly string[] Areas = ["A01"];

    private FakeWeComServer _weCom = null!;
    private TestHost _host = null!;

    public async Task InitializeAsync()
    {
        _weCom = await FakeWeComServer.StartAsync();
        _host = await LongConnectionHost.StartAsync(_weCom);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        await _weCom.DisposeAsync();
    }

    [Fact]
    public async Task Start_SubscribesWithBotIdAndSecret_AndWaitsForTheAcknowledgement()
    {
        var subscribe = await _weCom.WaitForFrameAsync(f => f.Cmd == "aibot_subscribe");

        Assert.Equal(LongConnectionHost.BotId, subscribe.Body.GetProperty("bot_id").GetString());
        Assert.Equal(LongConnectionHost.Secret, subscribe.Body.GetProperty("secret").GetString());
        Assert.StartsWith("aibot_subscribe_", subscribe.ReqId, StringComparison.Ordinal);
        Assert.Equal(1, _weCom.Subscriptions(LongConnectionHost.BotId));
    }

    [Fact]
    public async Task GroupQuestion_AnsweredByOneWholeAnswerStreamOnItsReqId()
    {
        var reqId = await _weCom.PushMessageAsync(LongConnectionHost.BotId, LongConnectionHost.GroupText("lc-g1", "u-xfl-001", "电费在哪里交"));

        var reply = await _weCom.WaitForFrameAsync(f => f.Cmd == "aibot_respond_msg" && f.ReqId == reqId);
        Assert.Equal(0, reply.Answer);
        var stream = reply.Body.GetProperty("stream");
        Assert.True(stream.GetProperty("finish").GetBoolean());
        Assert.Contains("网上国网", reply.Content, StringComparison.Ordinal);
        Assert.StartsWith("trace_", stream.GetProperty("feedback").GetProperty("id").GetString(), StringComparison.Ordinal);
        var line = Assert.Single(await _host.TranscriptAsync(LongConnectionHost.Group), l => l.MessageId == "lc-g1");
        Assert.Equal("in", line.Direction);
    }

    [Fact]
    public async Task SameMessageTwice_AnsweredOnce()
    {
        var first = await _weCom.PushMessageAsync(LongConnectionHost.BotId, LongConnectionHost.GroupText("lc-dup", "u-xfl-002", "电费在哪里交"));
        var second = await _weCom.PushMessageAsync(LongConnectionHost.BotId, LongConnectionHost.GroupText("lc-dup", "u-xfl-002", "电费在哪里交"));
        await _weCom.WaitForFrameAsync(f => f.Cmd == "aibot_respond_msg" && f.ReqId == first);
        await Task.Delay(500);

        Assert.DoesNotContain(_weCom.Frames, f => f.Cmd == "aibot_respond_msg" && f.ReqId == second);
    }

    [Fact]
    public async Task VoiceMessage_AnsweredFromItsTranscript()
    {
        var reqId = await _weCom.PushMessageAsync(LongConnectionHost.BotId,
            LongConnectionHost.Single("lc-v1", "u-xfl-003", "voice", new { content = "电费在哪里交" }));

        var reply = await _weCom.WaitForFrameAsync(f => f.Cmd == "aibot_respond_msg" && f.ReqId == reqId);

        Assert.Equal(0, reply.Answer);
        Assert.Contains("网上国网", reply.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplyAfterItsWindow_PushedToTheChatInstead()
    {
        // WeCom says the req_id can no longer carry a reply: the answer is pushed to the group.
        _weCom.ExpiredMessages["lc-late"] = true;
        var reqId = await _weCom.PushMessageAsync(LongConnectionHost.BotId, LongConnectionHost.GroupText("lc-late", "u-xfl-004", "电费在哪里交"));

        var push = await _weCom.WaitForFrameAsync(f => f.Cmd == "aibot_send_msg" && f.Content is { } c && c.Contains("网上国网", StringComparison.Ordinal));

        Assert.Equal(LongConnectionHost.Chat, push.Body.GetProperty("chatid").GetString());
        Assert.Equal(2, push.Body.GetProperty("chat_type").GetInt32());
        Assert.Contains(_weCom.Frames, f => f.Cmd == "aibot_respond_msg" && f.ReqId == reqId && f.Answer == 846608);
    }

    [Fact]
    public async Task ImageInPrivateChat_DecryptedAndAttachedToTheSendersOrder()
    {
        var report = await _weCom.PushMessageAsync(LongConnectionHost.BotId,
            LongConnectionHost.Single("lc-i1", "u-xfl-005", "text", new { content = "家里电表箱冒烟了，有焦糊味" }));
        var created = await _weCom.WaitForFrameAsync(f => f.ReqId == report && LongConnectionHost.OrderNumber(f.Content) is not null);
        var order = LongConnectionHost.OrderNumber(created.Content)!;
        var photo = Jpeg();
        var (url, key) = _weCom.AddMedia(photo);

        var sent = await _weCom.PushMessageAsync(LongConnectionHost.BotId,
            LongConnectionHost.Single("lc-i2", "u-xfl-005", "image", new { url, aeskey = key }));

        var ack = await _weCom.WaitForFrameAsync(f => f.ReqId == sent && f.Cmd == "aibot_respond_msg");
        Assert.Contains(order, ack.Content, StringComparison.Ordinal);
        var detail = await _host.Http.GetFromJsonAsync<JsonElement>($"/api/workorders/{order}");
        var attached = Assert.Single(detail.GetProperty("photos").EnumerateArray());
        Assert.Equal("image/jpeg", attached.GetProperty("contentType").GetString());
        var bytes = await _host.Http.GetByteArrayAsync($"/api/workorders/{order}/photos/{attached.GetProperty("id").GetString()}");
        Assert.Equal(photo, bytes);
    }

    [Fact]
    public async Task ResolvedOrder_RatingCardClicked_RecordedAsSatisfaction()
    {
        var report = await _weCom.PushMessageAsync(LongConnectionHost.BotId, LongConnectionHost.GroupText("lc-r1", "u-xfl-001", "楼下电线断了掉在地上，还在冒火花"));
        var created = await _weCom.WaitForFrameAsync(f => f.ReqId == report && LongConnectionHost.OrderNumber(f.Content) is not null);
        var order = LongConnectionHost.OrderNumber(created.Content)!;
        var resolved = await _host.Http.PostAsJsonAsync($"/api/workorders/{order}/resolve", new { by = "wangjianhua", result = "更换了表后开关，已恢复供电" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);

        var card = await _weCom.WaitForFrameAsync(f => f.Cmd == "aibot_send_msg" && f.Body.GetProperty("msgtype").GetString() == "template_card");
        var template = card.Body.GetProperty("template_card");
        var satisfied = template.GetProperty("button_list").EnumerateArray().First(b => b.GetProperty("text").GetString() == "满意");
        var click = await _weCom.PushEventAsync(LongConnectionHost.BotId, "template_card_event", new
        {
            msgid = "lc-click-1", aibotid = LongConnectionHost.BotId, chatid = LongConnectionHost.Chat, chattype = "group",
            from = new { userid = "u-xfl-001" }, msgtype = "event",
            @event = new
            {
                eventtype = "template_card_event",
                template_card_event = new
                {
                    card_type = "button_interaction", event_key = satisfied.GetProperty("key").GetString(),
                    task_id = template.GetProperty("task_id").GetString(),
                },
            },
        });

        var update = await _weCom.WaitForFrameAsync(f => f.Cmd == "aibot_respond_update_msg" && f.ReqId == click);
        Assert.Equal(0, update.Answer);
        await WaitAsync(async () => (await _host.Http.GetFromJsonAsync<JsonElement>($"/api/workorders/{order}")).GetProperty("status").GetString() == "closed");
        var detail = await _host.Http.GetFromJsonAsync<JsonElement>($"/api/workorders/{order}");
        Assert.Contains(detail.GetProperty("askers").EnumerateArray(), a => a.GetProperty("userId").GetString() == "u-xfl-001" && a.GetProperty("satisfied").GetBoolean());
    }

    [Fact]
    public async Task AnswerRated_ThumbsUpIsRecordedOnly_ThumbsDownMakesTheQuestionAMiss()
    {
        var reqId = await _weCom.PushMessageAsync(LongConnectionHost.BotId, LongConnectionHost.GroupText("lc-fb1", "u-xfl-006", "电费在哪里交"));
        var reply = await _weCom.WaitForFrameAsync(f => f.Cmd == "aibot_respond_msg" && f.ReqId == reqId);
        var traceId = reply.Body.GetProperty("stream").GetProperty("feedback").GetProperty("id").GetString()!;
        var store = _host.Services.GetRequiredService<RedisStore>();
        // The feedback id is remembered once WeCom acknowledged the answer; a rating can only come after that.
        await WaitAsync(async () => await store.Db.KeyExistsAsync($"{store.Keys.Prefix}:aibot-trace:{traceId}"));
        var feedback = _host.Services.GetRequiredService<AnswerFeedback>();
        var misses = _host.Services.GetRequiredService<MissLog>();

        await _weCom.PushEventAsync(LongConnectionHost.BotId, "feedback_event", Rating("lc-fb-up", traceId, 1));
        await WaitAsync(async () => (await feedback.RecentAsync()).Count == 1);
        Assert.Empty(await misses.ListAsync("A01"));

        await _weCom.PushEventAsync(LongConnectionHost.BotId, "feedback_event", Rating("lc-fb-down", traceId, 2));
        await WaitAsync(async () => (await misses.ListAsync("A01")).Count > 0);

        var miss = Assert.Single(await misses.ListAsync("A01"));
        Assert.Equal(Miss.Inaccurate, miss.Rating);
        Assert.Equal(LongConnectionHost.Group, miss.GroupId);
        Assert.Equal("answer:billing.pay-channels", miss.Decision);
        Assert.Contains("电费在哪里交", miss.Text, StringComparison.Ordinal);
        Assert.Equal("inaccurate", (await feedback.RecentAsync())[0].Rating);
    }

    private static object Rating(string msgId, string traceId, int type) => new
    {
        msgid = msgId, aibotid = LongConnectionHost.BotId, chatid = LongConnectionHost.Chat, chattype = "group",
        from = new { userid = "u-xfl-006" }, msgtype = "event",
        @event = new
        {
            eventtype = "feedback_event",
            feedback_event = type == 2
                ? new { id = traceId, type, content = "答非所问", inaccurate_reason_list = new[] { 1 } }
                : (object)new { id = traceId, type },
        },
    };

    [Fact]
    public async Task FaultOutageNotice_PushedToTheGroupsChat()
    {
        var now = DateTimeOffset.UtcNow;
        using var content = new StringContent(JsonSerializer.Serialize(new
        {
            kind = "fault-outage", areas = Areas, start = LongConnectionHost.Local(now.AddMinutes(-5)),
            end = LongConnectionHost.Local(now.AddHours(3)), reason = "10kV城关线故障跳闸",
        }), Encoding.UTF8, "application/json");
        var response = await _host.Http.PostAsync("/api/notices", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        var push = await _weCom.WaitForFrameAsync(f => f.Cmd == "aibot_send_msg" && (f.Content ?? "").Contains("故障", StringComparison.Ordinal));

        Assert.Equal(0, push.Answer);
        Assert.Equal(LongConnectionHost.Chat, push.Body.GetProperty("chatid").GetString());
        Assert.Equal("markdown", push.Body.GetProperty("msgtype").GetString());
    }

    [Fact]
    public async Task EnterChat_AnsweredWithTheWelcomeWithinItsWindow()
    {
        var reqId = await _weCom.PushEventAsync(LongConnectionHost.BotId, "enter_chat", new
        {
            msgid = "lc-enter-1", aibotid = LongConnectionHost.BotId, chattype = "single", from = new { userid = "u-xfl-001" }, msgtype = "event",
            @event = new { eventtype = "enter_chat" },
        });

        var welcome = await _weCom.WaitForFrameAsync(f => f.Cmd == "aibot_respond_welcome_msg" && f.ReqId == reqId);

        Assert.Equal(0, welcome.Answer);
        Assert.Contains("供电服务助手", welcome.Body.GetProperty("text").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    private static async Task WaitAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The condition did not hold in time.");
            await Task.Delay(50);
        }
    }

    // A tiny JPEG-looking payload: the content type is sniffed from the first bytes.
    private static byte[] Jpeg() => [0xFF, 0xD8, 0xFF, 0xE0, .. Encoding.ASCII.GetBytes("JFIF fake photo of a smoking meter box"), 0xFF, 0xD9];
}
