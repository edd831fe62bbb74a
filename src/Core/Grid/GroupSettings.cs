using GridService.Core.Storage;

namespace GridService.Core.Grid;

/// <summary>Per-group switches a manager controls (the bot on or off).</summary>
public sealed class GroupSettings(RedisStore store)
{
    private const string BotEnabledField = "bot-enabled";

    private string Key(string groupId) => $"{store.Keys.Prefix}:group-settings:{groupId}";

    /// <summary>True unless a manager switched the bot off in this group.</summary>
    public async Task<bool> IsBotOnAsync(string groupId) =>
        (string?)await store.Db.HashGetAsync(Key(groupId), BotEnabledField) != "0";

    /// <summary>Switches the bot on or off in a group.</summary>
    public Task SetBotOnAsync(string groupId, bool on) =>
        store.Db.HashSetAsync(Key(groupId), BotEnabledField, on ? "1" : "0");
}
