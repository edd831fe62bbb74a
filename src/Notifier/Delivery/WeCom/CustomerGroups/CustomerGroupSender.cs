using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GridService.Core.Grid;
using GridService.Core.Queues;
using GridService.Core.Storage;
using GridService.Notifier.Delivery.WeCom.Api;
using GridService.Notifier.Delivery.WeCom.Apps;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery.WeCom.CustomerGroups;

/// <summary>
/// Posts to an external customer group (channel <c>wecom-customer-group</c>), where no bot may post, as a 企业群发 task
/// (<c>externalcontact/add_msg_template</c>, <c>chat_type=group</c>) that the group's owner confirms in WeCom. A group
/// gets one 群发 a day: a second message the same day is merged into the day's task while the manager has not
/// confirmed it (the old task is cancelled and a combined one created), and held until the next day otherwise. The
/// message then waits (deferred, no attempt used) while the task's result is polled: <c>sent</c> once WeCom sent it,
/// "awaiting the manager's confirmation" meanwhile (with reminders), "quota used" when WeCom refused it because the
/// group already had one (status 3), which also waits for the next day. A critical message held for the quota is also
/// sent to the manager privately, to post by hand.
/// </summary>
public sealed partial class CustomerGroupSender(
    WeComApiClient api,
    IOptionsMonitor<WeComApiOptions> apiOptions,
    IOptionsMonitor<CustomerGroupOptions> groupOptions,
    GroupMessageTasks tasks,
    GridDirectory directory,
    RedisStore store,
    Outbox outbox,
    PrivateRoutes routes,
    SendPipelines pipelines,
    AppStates states,
    TimeProvider time,
    ILogger<CustomerGroupSender> logger) : ISender
{
    /// <summary>Channel name.</summary>
    public const string Name = ChannelNames.WeComCustomerGroup;

    /// <summary>Largest text of one task in UTF-8 bytes.</summary>
    public const int TextLimit = 4000;

    /// <summary>The start of the reason of a message whose task waits for the manager.</summary>
    public const string Awaiting = "awaiting the manager's confirmation";

    /// <summary>The start of the reason of a message held for the group's daily 群发.</summary>
    public const string QuotaUsed = "quota used";

    private const int MaxReminders = 3;

    /// <inheritdoc />
    public string Channel => Name;

    private sealed record Target(OutboundMessage Message, ChatGroup Group, string ChatId, string Owner, WeComApp App, string TimeZone);

    private enum TaskStatus { Pending, Sent, QuotaUsed, Refused }

    /// <inheritdoc />
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var target = await TargetAsync(message);
        if (await states.DisabledAsync(target.App) is { } disabled) throw new PermanentFailureException(AppStates.Reason(disabled));
        try
        {
            if (await tasks.PlacedOnAsync(message.Id) is { } day) await FollowAsync(target, day, cancellationToken);
            else await PlaceAsync(target, cancellationToken);
        }
        catch (WeComApiException error)
        {
            throw error.Kind switch
            {
                WeComErrorKind.Throttled => new DeferDeliveryException(TimeSpan.FromMinutes(1), $"{target.App}: {error.Message}; waiting a minute"),
                WeComErrorKind.Configuration => new PermanentFailureException(AppStates.Reason(await states.DisableAsync(target.App, error))),
                _ => new PermanentFailureException($"{target.App}: {error.Message}"),
            };
        }
    }

    private async Task<Target> TargetAsync(OutboundMessage message)
    {
        if (message.GroupId.Length == 0)
        {
            throw new PermanentFailureException("Nobody in an external customer group can be written to privately; this message has no group.");
        }

        var options = groupOptions.CurrentValue;
        var group = await directory.GetGroupAsync(message.GroupId) ?? throw new PermanentFailureException($"Group {message.GroupId} is unknown.");
        if (!options.Groups.TryGetValue(group.Id, out var configured) || string.IsNullOrWhiteSpace(configured.ChatId))
        {
            throw new PermanentFailureException($"No WeCom customer group is configured for {group.Id}: set WeCom:CustomerGroups:Groups:{group.Id}:ChatId.");
        }

        var owner = configured.Owner is { Length: > 0 } o ? o : group.ManagerIds.Count > 0 ? group.ManagerIds[0]
            : throw new PermanentFailureException($"Group {group.Id} has no manager to confirm 群发 tasks: set WeCom:CustomerGroups:Groups:{group.Id}:Owner.");
        var app = apiOptions.CurrentValue.AppFor(options.App.Length > 0 ? options.App : null)
            ?? throw new PermanentFailureException("No WeCom app can create 群发 tasks: set WeCom:CustomerGroups:App (an app under 客户联系 → 可调用接口的应用) with its CorpId, Secret and AgentId.");
        var zone = (await directory.GetAreaAsync(group.AreaId))?.TimeZone ?? Zones.Default;
        return new Target(message, group, configured.ChatId.Trim(), owner, app, zone);
    }

    private async Task PlaceAsync(Target target, CancellationToken cancellationToken)
    {
        await using var held = await RedisLock.TryAcquireAsync(store.Db, tasks.LockKey(target.Group.Id), TimeSpan.FromSeconds(30))
            ?? throw new DeferDeliveryException(TimeSpan.FromSeconds(1), "another worker is creating this group's 群发 task");
        var now = time.GetUtcNow();
        var day = Day(now, target.TimeZone);
        var today = await tasks.DayAsync(target.Group.Id, day);
        if (today is null)
        {
            var created = await CreateTaskAsync(target, target.Message.Text, cancellationToken);
            today = new GroupDay(target.Group.Id, day, created, target.Owner, [target.Message.Id], target.Message.Text, GroupDayState.Pending, now);
            await tasks.SaveDayAsync(today);
            await tasks.PlaceAsync(target.Message.Id, day);
            Log.TaskCreated(logger, created, target.Group.Id, target.Message.Id);
            throw Waiting(today, target);
        }

        if (today.MessageIds.Contains(target.Message.Id))
        {
            await tasks.PlaceAsync(target.Message.Id, day);
            throw Waiting(today, target);
        }

        if (today.State == GroupDayState.Pending)
        {
            // The manager may have just sent today's task: only an unconfirmed one may be replaced.
            today = await RefreshAsync(target, today, cancellationToken);
            var merged = today.Text + "\n\n" + target.Message.Text;
            if (today.State == GroupDayState.Pending && Encoding.UTF8.GetByteCount(merged) <= TextLimit)
            {
                await CallAsync(target, "externalcontact/cancel_groupmsg_send", new JsonObject { ["msgid"] = today.TaskId }, cancellationToken, ignoreRefusal: true);
                var created = await CreateTaskAsync(target, merged, cancellationToken);
                today = today with
                {
                    TaskId = created, MessageIds = [.. today.MessageIds, target.Message.Id], Text = merged, CreatedAt = now, Reminders = 0, RemindedAt = null,
                };
                await tasks.SaveDayAsync(today);
                await tasks.PlaceAsync(target.Message.Id, day);
                Log.Merged(logger, target.Message.Id, created, target.Group.Id, today.MessageIds.Count);
                throw Waiting(today, target);
            }

            if (today.State == GroupDayState.Pending)
            {
                throw await HoldAsync(target, $"today's 群发 task {today.TaskId} is full ({TextLimit} bytes)");
            }
        }

        throw await HoldAsync(target, today.State == GroupDayState.Sent
            ? $"{target.Group.Id} had its one 群发 today (task {today.TaskId})"
            : $"WeCom says {target.Group.Id} already received another 群发 (task {today.TaskId}, status 3)");
    }

    private async Task FollowAsync(Target target, string day, CancellationToken cancellationToken)
    {
        var record = await tasks.DayAsync(target.Group.Id, day);
        if (record is null || !record.MessageIds.Contains(target.Message.Id))
        {
            await tasks.UnplaceAsync(target.Message.Id);
            throw new DeferDeliveryException(TimeSpan.Zero, "its 群发 record is gone; placing it again");
        }

        record = await RefreshAsync(target, record, cancellationToken);
        switch (record.State)
        {
            case GroupDayState.Sent:
                return;
            case GroupDayState.QuotaUsed:
                await tasks.UnplaceAsync(target.Message.Id);
                throw await HoldAsync(target, $"WeCom did not send task {record.TaskId}: {target.Group.Id} already received another 群发 (status 3)");
        }

        var now = time.GetUtcNow();
        var options = groupOptions.CurrentValue;
        if (now - record.CreatedAt > options.GiveUpAfter)
        {
            await CallAsync(target, "externalcontact/cancel_groupmsg_send", new JsonObject { ["msgid"] = record.TaskId }, cancellationToken, ignoreRefusal: true);
            throw new PermanentFailureException(
                $"The manager {target.Owner} did not confirm 群发 task {record.TaskId} for {target.Group.Id} within {options.GiveUpAfter}; it was cancelled.");
        }

        if (now - (record.RemindedAt ?? record.CreatedAt) >= options.RemindAfter && record.Reminders < MaxReminders)
        {
            await CallAsync(target, "externalcontact/remind_groupmsg_send", new JsonObject { ["msgid"] = record.TaskId }, cancellationToken, ignoreRefusal: true);
            record = record with { Reminders = record.Reminders + 1, RemindedAt = now };
            await tasks.SaveDayAsync(record);
            Log.Reminded(logger, record.TaskId, target.Owner, record.Reminders);
        }

        throw Waiting(record, target);
    }

    // Looks the task up while it is pending and records what WeCom says.
    private async Task<GroupDay> RefreshAsync(Target target, GroupDay record, CancellationToken cancellationToken)
    {
        if (record.State != GroupDayState.Pending) return record;
        var status = await StatusAsync(target, record.TaskId, cancellationToken);
        if (status == TaskStatus.Refused)
        {
            throw new PermanentFailureException($"WeCom did not send task {record.TaskId} to {target.Group.Id}: the group cannot receive it (status 2).");
        }

        if (status == TaskStatus.Pending) return record;
        var updated = record with { State = status == TaskStatus.Sent ? GroupDayState.Sent : GroupDayState.QuotaUsed };
        await tasks.SaveDayAsync(updated);
        Log.TaskFinished(logger, record.TaskId, target.Group.Id, updated.State);
        return updated;
    }

    private async Task<string> CreateTaskAsync(Target target, string text, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["chat_type"] = "group",
            ["sender"] = target.Owner,
            ["chat_id_list"] = new JsonArray(target.ChatId),
            ["text"] = new JsonObject { ["content"] = text },
        };
        var answer = await CallAsync(target, "externalcontact/add_msg_template", body, cancellationToken);
        if (answer.TryGetProperty("fail_list", out var failed) && failed.ValueKind == JsonValueKind.Array
            && failed.EnumerateArray().Any(f => f.GetString() == target.ChatId))
        {
            throw new PermanentFailureException(
                $"WeCom would not create a 群发 task for {target.Group.Id}: chat {target.ChatId} is not a customer group {target.Owner} owns (fail_list); check WeCom:CustomerGroups:Groups:{target.Group.Id}.");
        }

        return answer.TryGetProperty("msgid", out var id) && id.GetString() is { Length: > 0 } msgid
            ? msgid
            : throw new TransientSendException("WeCom add_msg_template answered without a msgid", serverFault: true);
    }

    private async Task<TaskStatus> StatusAsync(Target target, string taskId, CancellationToken cancellationToken)
    {
        var cursor = "";
        for (var page = 0; page < 50; page++)
        {
            var answer = await CallAsync(target, "externalcontact/get_groupmsg_send_result",
                new JsonObject { ["msgid"] = taskId, ["userid"] = target.Owner, ["limit"] = 500, ["cursor"] = cursor }, cancellationToken);
            if (answer.TryGetProperty("send_list", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in list.EnumerateArray())
                {
                    if (!item.TryGetProperty("chat_id", out var chat) || chat.GetString() != target.ChatId) continue;
                    return (item.TryGetProperty("status", out var s) && s.TryGetInt32(out var status) ? status : 0) switch
                    {
                        1 => TaskStatus.Sent,
                        2 => TaskStatus.Refused,
                        3 => TaskStatus.QuotaUsed,
                        _ => TaskStatus.Pending,
                    };
                }
            }

            cursor = answer.TryGetProperty("next_cursor", out var next) ? next.GetString() ?? "" : "";
            if (cursor.Length == 0) break;
        }

        return TaskStatus.Pending;
    }

    private async Task<JsonElement> CallAsync(Target target, string path, JsonObject body, CancellationToken cancellationToken, bool ignoreRefusal = false)
    {
        JsonElement answer = default;
        try
        {
            await pipelines.ExecuteAsync("wecom-api:" + target.App.Fingerprint, async token => answer = await api.PostAsync(target.App, path, body, token), cancellationToken);
        }
        catch (WeComApiException error) when (ignoreRefusal && error.Kind == WeComErrorKind.Permanent)
        {
            // A reminder over WeCom's limit or a cancel of a task already sent changes nothing for the message.
            Log.Refused(logger, path, error.Code, error.ErrMsg);
        }

        return answer;
    }

    private DeferDeliveryException Waiting(GroupDay day, Target target)
    {
        var created = Zones.Local(day.CreatedAt, target.TimeZone).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);
        var carries = day.MessageIds.Count > 1 ? string.Create(CultureInfo.InvariantCulture, $", carrying {day.MessageIds.Count} messages merged") : "";
        var reminded = day.Reminders > 0 ? string.Create(CultureInfo.InvariantCulture, $", reminded {day.Reminders}x") : "";
        return new DeferDeliveryException(groupOptions.CurrentValue.PollInterval,
            $"{Awaiting}: 群发 task {day.TaskId} for {target.Group.Id} waits for {target.Owner} to confirm in WeCom (created {created}{carries}{reminded})");
    }

    private async Task<DeferDeliveryException> HoldAsync(Target target, string why)
    {
        var now = time.GetUtcNow();
        var zone = Zones.Find(target.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        var next = DateOnly.FromDateTime(local.DateTime).AddDays(1).ToDateTime(groupOptions.CurrentValue.SendFrom);
        var release = new DateTimeOffset(next, zone.GetUtcOffset(next));
        if (target.Message.Critical)
        {
            var text = $"【群发次数已用完】{target.Group.Name}今天的群发已用掉，这条紧急通知要到{next:M月d日 HH:mm}才能再建群发任务。如需立即告知居民，请复制下面的内容手动发到群里：\n\n{target.Message.Text}";
            await outbox.EnqueueAsync(new OutboundMessage($"cg-held-{target.Message.Id}", routes.ToStaff(), "", target.Owner, text,
                "customer-group-held", null, Critical: true, now));
        }

        return new DeferDeliveryException(release - now,
            $"{QuotaUsed}: {why}; one 群发 per group per day, so it waits until {next:yyyy-MM-dd HH:mm} ({target.TimeZone})");
    }

    private static string Day(DateTimeOffset now, string timeZone) => Zones.Local(now, timeZone).ToString("yyyyMMdd", CultureInfo.InvariantCulture);

    private static partial class Log
    {
        [LoggerMessage(EventIds.WeComApi + 40, LogLevel.Information, "群发 task {TaskId} created for {GroupId} (message {MessageId}); the owner confirms it in WeCom")]
        public static partial void TaskCreated(ILogger logger, string taskId, string groupId, string messageId);

        [LoggerMessage(EventIds.WeComApi + 41, LogLevel.Information, "Message {MessageId} merged into 群发 task {TaskId} for {GroupId} ({Count} messages)")]
        public static partial void Merged(ILogger logger, string messageId, string taskId, string groupId, int count);

        [LoggerMessage(EventIds.WeComApi + 42, LogLevel.Information, "群发 task {TaskId} for {GroupId}: {State}")]
        public static partial void TaskFinished(ILogger logger, string taskId, string groupId, GroupDayState state);

        [LoggerMessage(EventIds.WeComApi + 43, LogLevel.Information, "Reminded {Owner} of 群发 task {TaskId} ({Count} of 3 today)")]
        public static partial void Reminded(ILogger logger, string taskId, string owner, int count);

        [LoggerMessage(EventIds.WeComApi + 44, LogLevel.Warning, "WeCom {Api} refused with {Code} ({ErrMsg}); carrying on")]
        public static partial void Refused(ILogger logger, string api, int code, string errMsg);
    }
}
