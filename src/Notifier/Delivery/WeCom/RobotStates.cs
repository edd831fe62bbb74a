using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Storage;

namespace GridService.Notifier.Delivery.WeCom;

/// <summary>A group robot WeCom refused for good (93000 removed, 93004 disabled, 93008 not in the group).</summary>
/// <param name="GroupId">The group.</param>
/// <param name="Fingerprint">Which key was refused; a new key in configuration is a new robot.</param>
/// <param name="Code">WeCom's errcode.</param>
/// <param name="Reason">What WeCom said.</param>
/// <param name="At">When.</param>
public sealed record DisabledRobot(string GroupId, string Fingerprint, int Code, string Reason, DateTimeOffset At);

/// <summary>
/// Disabled robots, persisted in Redis so every Notifier stops posting to them at once and a restart remembers.
/// A robot is disabled by its key: configuring a new key for the group enables it again, and so does
/// <c>deliveries redrive</c> (the operator says the cause is fixed, e.g. the robot was added back to the group).
/// </summary>
public sealed class RobotStates(RedisStore store)
{
    // Hash: group id → why its WeCom group robot is disabled (JSON).
    private string Key => $"{store.Keys.Prefix}:robots-disabled";

    /// <summary>The disabled state of <paramref name="robot"/>, or null while it may post.</summary>
    public async Task<DisabledRobot?> DisabledAsync(Robot robot)
    {
        var value = await store.Db.HashGetAsync(Key, robot.GroupId);
        if (value.IsNull) return null;
        var state = JsonSerializer.Deserialize((string)value!, RobotStateJson.Default.DisabledRobot);
        return state?.Fingerprint == robot.Fingerprint ? state : null;
    }

    /// <summary>Records that WeCom refused this robot.</summary>
    public Task DisableAsync(DisabledRobot state) =>
        store.Db.HashSetAsync(Key, state.GroupId, JsonSerializer.Serialize(state, RobotStateJson.Default.DisabledRobot));

    /// <summary>Every disabled robot.</summary>
    public async Task<IReadOnlyList<DisabledRobot>> ListAsync() =>
        (await store.Db.HashValuesAsync(Key))
        .Select(v => JsonSerializer.Deserialize((string)v!, RobotStateJson.Default.DisabledRobot)!)
        .OrderBy(r => r.GroupId, StringComparer.Ordinal).ToList();

    /// <summary>Enables every robot again; returns the ones that were disabled.</summary>
    public async Task<IReadOnlyList<DisabledRobot>> EnableAllAsync()
    {
        var disabled = await ListAsync();
        foreach (var robot in disabled) await store.Db.HashDeleteAsync(Key, robot.GroupId);
        return disabled;
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DisabledRobot))]
internal sealed partial class RobotStateJson : JsonSerializerContext;
