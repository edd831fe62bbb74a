using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace GridService.TestKit;

/// <summary>An app message the fake accepted.</summary>
/// <param name="User">The recipient.</param>
/// <param name="AgentId">The app's AgentId.</param>
/// <param name="MsgType">text, markdown or textcard.</param>
/// <param name="Body">The request body.</param>
/// <param name="Delivered">False when the fake dropped it silently (over 30 a minute for the member, as WeCom does).</param>
public sealed record AppMessage(string User, int AgentId, string MsgType, JsonElement Body, bool Delivered)
{
    /// <summary>The text's or markdown's content.</summary>
    public string Content => Body.TryGetProperty(MsgType, out var part) && part.TryGetProperty("content", out var c) ? c.GetString() ?? ""
        : Body.GetProperty("textcard").GetProperty("description").GetString() ?? "";
}

/// <summary>A 群发 task: who confirms it, the groups, the text, and each group's send status (0 not sent, 1 sent, 3 quota).</summary>
public sealed class GroupTask(string msgId, string sender, IReadOnlyList<string> chats, string text, DateTimeOffset createdAt)
{
    public DateTimeOffset CreatedAt { get; } = createdAt;

    public string MsgId { get; } = msgId;

    public string Sender { get; } = sender;

    public IReadOnlyList<string> Chats { get; } = chats;

    public string Text { get; } = text;

    public ConcurrentDictionary<string, int> Status { get; } = new(chats.Select(c => new KeyValuePair<string, int>(c, 0)));

    public bool Cancelled { get; set; }

    public int Reminders { get; set; }
}

public sealed partial class FakeWeComServer
{
    private readonly ConcurrentDictionary<string, (string Secret, int AgentId)> _apps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, (string Corp, DateTimeOffset Expires)> _tokens = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<AppMessage> _appMessages = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<DateTimeOffset>> _perMember = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, GroupTask> _tasks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _owners = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _quotaUsed = new(StringComparer.Ordinal);
    private int _tokenCalls;

    /// <summary>Members the apps can reach; empty: everyone.</summary>
    public ConcurrentDictionary<string, bool> Members { get; } = new(StringComparer.Ordinal);

    /// <summary>How many times gettoken was called.</summary>
    public int TokenCalls => Volatile.Read(ref _tokenCalls);

    /// <summary>App messages, in arrival order (dropped ones included, marked).</summary>
    public IReadOnlyList<AppMessage> AppMessages => [.. _appMessages];

    /// <summary>群发 tasks by msgid.</summary>
    public IReadOnlyDictionary<string, GroupTask> Tasks => _tasks;

    /// <summary>Lets an app fetch tokens.</summary>
    public void AddApp(string corpId, string secret, int agentId) => _apps[corpId] = (secret, agentId);

    /// <summary>Makes <paramref name="owner"/> the owner of customer group <paramref name="chatId"/>.</summary>
    public void AddCustomerGroup(string chatId, string owner) => _owners[chatId] = owner;

    /// <summary>WeCom revokes every token: business calls answer 42001 until a new one is fetched.</summary>
    public void ExpireTokens() => _tokens.Clear();

    /// <summary>The group received another 群发 today (one a day, China time): confirming a task for it today gives status 3.</summary>
    public void UseQuota(string chatId) => _quotaUsed[QuotaKey(chatId)] = true;

    /// <summary>The owner taps send: each group gets status 1, or 3 when today's quota is used (and the quota is used then).</summary>
    public void Confirm(string msgId)
    {
        var task = _tasks[msgId];
        foreach (var chat in task.Chats) task.Status[chat] = _quotaUsed.TryAdd(QuotaKey(chat), true) ? 1 : 3;
    }

    private string QuotaKey(string chatId) => chatId + ":" + Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    /// <summary>Waits until a 群发 task exists that matches.</summary>
    public async Task<GroupTask> WaitForTaskAsync(Func<GroupTask, bool> match, TimeSpan? timeout = null)
    {
        GroupTask? found = null;
        await WaitUntilAsync(() => (found = _tasks.Values.FirstOrDefault(match)) is not null, timeout, () => $"No matching 群发 task; tasks: {_tasks.Count}");
        return found!;
    }

    /// <summary>Waits until an app message matching <paramref name="match"/> arrived.</summary>
    public async Task<AppMessage> WaitForAppMessageAsync(Func<AppMessage, bool> match, TimeSpan? timeout = null)
    {
        AppMessage? found = null;
        await WaitUntilAsync(() => (found = _appMessages.FirstOrDefault(match)) is not null, timeout,
            () => "No matching app message; received: " + string.Join(" | ", _appMessages.Select(m => $"{m.User}:{m.Content}")));
        return found!;
    }

    private void MapRest(IEndpointRouteBuilder app)
    {
        app.MapGet("/cgi-bin/gettoken", (string? corpid, string? corpsecret) =>
        {
            Interlocked.Increment(ref _tokenCalls);
            if (corpid is null || !_apps.TryGetValue(corpid, out var a) || a.Secret != corpsecret) return Results.Json(new { errcode = 40001, errmsg = "invalid credential" });
            var token = "tok-" + Guid.NewGuid().ToString("N")[..12];
            _tokens[token] = (corpid, Clock.GetUtcNow().AddSeconds(7200));
            return Results.Json(new { errcode = 0, errmsg = "ok", access_token = token, expires_in = 7200 });
        });
        app.MapPost("/cgi-bin/message/send", (HttpContext c) => WithToken(c, SendMessage));
        app.MapPost("/cgi-bin/externalcontact/add_msg_template", (HttpContext c) => WithToken(c, AddTask));
        app.MapPost("/cgi-bin/externalcontact/get_groupmsg_send_result", (HttpContext c) => WithToken(c, SendResult));
        app.MapPost("/cgi-bin/externalcontact/remind_groupmsg_send", (HttpContext c) => WithToken(c, (_, body) =>
        {
            if (!_tasks.TryGetValue(body.GetProperty("msgid").GetString() ?? "", out var task)) return Error(41063, "invalid msgid");
            if (task.Reminders >= 3) return Error(41064, "remind over limit (fake)");
            task.Reminders++;
            return Ok(new JsonObject());
        }));
        app.MapPost("/cgi-bin/externalcontact/cancel_groupmsg_send", (HttpContext c) => WithToken(c, (_, body) =>
        {
            if (!_tasks.TryGetValue(body.GetProperty("msgid").GetString() ?? "", out var task)) return Error(41063, "invalid msgid");
            task.Cancelled = true;
            return Ok(new JsonObject());
        }));
    }

    private IResult WithToken(HttpContext context, Func<string, JsonElement, IResult> handle)
    {
        var token = context.Request.Query["access_token"].ToString();
        if (token.Length == 0) return Error(41001, "access_token missing");
        if (!_tokens.TryGetValue(token, out var t)) return Error(42001, "access_token expired");
        if (t.Expires <= Clock.GetUtcNow()) return Error(42001, "access_token expired");
        var body = JsonDocument.Parse(FakeHttpServer.RequestOf(context).Body).RootElement.Clone();
        return handle(t.Corp, body);
    }

    private IResult SendMessage(string corp, JsonElement body)
    {
        var agent = body.GetProperty("agentid").GetInt32();
        if (_apps[corp].AgentId != agent) return Error(40056, "invalid agentid");
        var type = body.GetProperty("msgtype").GetString() ?? "";
        var users = (body.GetProperty("touser").GetString() ?? "").Split('|');
        var invalid = users.Where(u => !Members.IsEmpty && !Members.ContainsKey(u)).ToList();
        if (invalid.Count == users.Length) return Error(81013, "user & party & tag all invalid");
        foreach (var user in users.Except(invalid))
        {
            // WeCom drops what goes past 30 a minute per member without saying so.
            var sent = _perMember.GetOrAdd(user, _ => new ConcurrentQueue<DateTimeOffset>());
            var now = Clock.GetUtcNow();
            var delivered = sent.Count(at => now - at < TimeSpan.FromMinutes(1)) < 30;
            if (delivered) sent.Enqueue(now);
            _appMessages.Enqueue(new AppMessage(user, agent, type, body, delivered));
        }

        return Ok(new JsonObject { ["invaliduser"] = string.Join('|', invalid), ["msgid"] = "m" + _appMessages.Count.ToString(CultureInfo.InvariantCulture) });
    }

    private IResult AddTask(string corp, JsonElement body)
    {
        if (body.GetProperty("chat_type").GetString() != "group") return Error(40003, "only group tasks are faked");
        if (!body.TryGetProperty("sender", out var s) || s.GetString() is not { Length: > 0 } sender) return Error(41048, "sender missing for group");
        var chats = body.GetProperty("chat_id_list").EnumerateArray().Select(c => c.GetString()!).ToList();
        var failed = chats.Where(c => !_owners.TryGetValue(c, out var owner) || owner != sender).ToList();
        var ok = chats.Except(failed).ToList();
        var msgId = "msg" + Guid.NewGuid().ToString("N")[..10];
        if (ok.Count > 0) _tasks[msgId] = new GroupTask(msgId, sender, ok, body.GetProperty("text").GetProperty("content").GetString() ?? "", Clock.GetUtcNow());
        return Ok(new JsonObject { ["fail_list"] = new JsonArray([.. failed.Select(f => (JsonNode)f)]), ["msgid"] = msgId });
    }

    private IResult SendResult(string corp, JsonElement body)
    {
        if (!_tasks.TryGetValue(body.GetProperty("msgid").GetString() ?? "", out var task)) return Error(41063, "invalid msgid");
        var list = new JsonArray();
        foreach (var (chat, status) in task.Status)
        {
            var item = new JsonObject { ["chat_id"] = chat, ["userid"] = task.Sender, ["status"] = task.Cancelled && status == 0 ? 0 : status };
            if (status == 1) item["send_time"] = Clock.GetUtcNow().ToUnixTimeSeconds();
            list.Add(item);
        }

        return Ok(new JsonObject { ["next_cursor"] = "", ["send_list"] = list });
    }

    private static IResult Ok(JsonObject answer)
    {
        answer["errcode"] = 0;
        answer["errmsg"] = "ok";
        return Results.Text(Json(answer), "application/json");
    }

    private static IResult Error(int code, string message) => Results.Text(Json(new JsonObject { ["errcode"] = code, ["errmsg"] = message }), "application/json");
}
