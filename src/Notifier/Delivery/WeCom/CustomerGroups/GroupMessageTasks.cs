using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Storage;

namespace GridService.Notifier.Delivery.WeCom.CustomerGroups;

/// <summary>Where a group's 群发 of one day stands.</summary>
public enum GroupDayState
{
    /// <summary>A task waits for the manager's confirmation.</summary>
    Pending,

    /// <summary>WeCom sent it: the day's allowance is used.</summary>
    Sent,

    /// <summary>WeCom refused it because the group already had its 群发 (status 3).</summary>
    QuotaUsed,
}

/// <summary>One group's 群发 of one day: the current task and the messages merged into it.</summary>
/// <param name="GroupId">The GridService group.</param>
/// <param name="Day">The day in the area's zone (yyyyMMdd).</param>
/// <param name="TaskId">WeCom's msgid of the task.</param>
/// <param name="Owner">Who confirms it.</param>
/// <param name="MessageIds">The outbound messages it carries, in order.</param>
/// <param name="Text">What it says.</param>
/// <param name="State">Where it stands.</param>
/// <param name="CreatedAt">When the current task was created.</param>
/// <param name="Reminders">Reminders sent for it.</param>
/// <param name="RemindedAt">When the last reminder went.</param>
public sealed record GroupDay(
    string GroupId, string Day, string TaskId, string Owner, IReadOnlyList<string> MessageIds, string Text, GroupDayState State,
    DateTimeOffset CreatedAt, int Reminders = 0, DateTimeOffset? RemindedAt = null);

/// <summary>The 群发 state of customer groups in Redis: one record per group and day, and the day each message went into.</summary>
public sealed class GroupMessageTasks(RedisStore store)
{
    private static readonly TimeSpan Keep = TimeSpan.FromDays(14);

    private string DayKey(string groupId, string day) => $"{store.Keys.Prefix}:cg-day:{groupId}:{day}";

    private string MessageKey(string messageId) => $"{store.Keys.Prefix}:cg-msg:{messageId}";

    /// <summary>The lock key of one group's tasks (creating and merging happen under it).</summary>
    public string LockKey(string groupId) => $"{store.Keys.Prefix}:cg-lock:{groupId}";

    /// <summary>The group's record of <paramref name="day"/>.</summary>
    public async Task<GroupDay?> DayAsync(string groupId, string day)
    {
        var value = await store.Db.StringGetAsync(DayKey(groupId, day));
        return value.IsNull ? null : JsonSerializer.Deserialize((string)value!, TaskJson.Default.GroupDay);
    }

    /// <summary>Writes a group's day.</summary>
    public Task SaveDayAsync(GroupDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return store.Db.StringSetAsync(DayKey(day.GroupId, day.Day), JsonSerializer.Serialize(day, TaskJson.Default.GroupDay), Keep);
    }

    /// <summary>The day <paramref name="messageId"/> went into, if it was placed.</summary>
    public async Task<string?> PlacedOnAsync(string messageId) => await store.Db.StringGetAsync(MessageKey(messageId)) is { IsNull: false } v ? (string?)v : null;

    /// <summary>Records that <paramref name="messageId"/> went into <paramref name="day"/>'s task.</summary>
    public Task PlaceAsync(string messageId, string day) => store.Db.StringSetAsync(MessageKey(messageId), day, Keep);

    /// <summary>Forgets where a message went, so it is placed again (on another day).</summary>
    public Task UnplaceAsync(string messageId) => store.Db.KeyDeleteAsync(MessageKey(messageId));
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(GroupDay))]
internal sealed partial class TaskJson : JsonSerializerContext;
