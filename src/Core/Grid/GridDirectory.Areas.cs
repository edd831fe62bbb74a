using GridService.Core.Domain;

namespace GridService.Core.Grid;

public sealed partial class GridDirectory
{
    /// <summary>Adds or replaces an area.</summary>
    public Task SaveAreaAsync(Area area)
    {
        ArgumentNullException.ThrowIfNull(area);
        ArgumentException.ThrowIfNullOrWhiteSpace(area.Id, nameof(area));
        return Db.HashSetAsync(Keys.Areas, area.Id, Serialize(area, GridJson.Default.Area));
    }

    /// <summary>The area, or null.</summary>
    public Task<Area?> GetAreaAsync(string id) => GetAsync(Keys.Areas, id, GridJson.Default.Area);

    /// <summary>All areas by id.</summary>
    public async Task<IReadOnlyList<Area>> ListAreasAsync() =>
        [.. (await ListAsync(Keys.Areas, GridJson.Default.Area)).OrderBy(a => a.Id, StringComparer.Ordinal)];

    /// <summary>Adds or replaces a staff member.</summary>
    public Task SaveStaffAsync(Staff staff)
    {
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentException.ThrowIfNullOrWhiteSpace(staff.Id, nameof(staff));
        return Db.HashSetAsync(Keys.Staff, staff.Id, Serialize(staff, GridJson.Default.Staff));
    }

    /// <summary>The staff member with this chat user id, or null.</summary>
    public Task<Staff?> GetStaffAsync(string id) => GetAsync(Keys.Staff, id, GridJson.Default.Staff);

    /// <summary>All staff by id.</summary>
    public async Task<IReadOnlyList<Staff>> ListStaffAsync() =>
        [.. (await ListAsync(Keys.Staff, GridJson.Default.Staff)).OrderBy(s => s.Id, StringComparer.Ordinal)];

    /// <summary>Adds or replaces a group, moving it between areas' group sets when its area changed.</summary>
    public Task SaveGroupAsync(ChatGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentException.ThrowIfNullOrWhiteSpace(group.Id, nameof(group));
        return SaveIndexedAsync(Keys.Groups, group.Id, group, GridJson.Default.ChatGroup, (previous, tx) =>
        {
            if (previous is not null && previous.AreaId != group.AreaId) _ = tx.SetRemoveAsync(Keys.AreaGroups(previous.AreaId), group.Id);
            _ = tx.SetAddAsync(Keys.AreaGroups(group.AreaId), group.Id);
            return Task.CompletedTask;
        });
    }

    /// <summary>The group, or null.</summary>
    public Task<ChatGroup?> GetGroupAsync(string id) => GetAsync(Keys.Groups, id, GridJson.Default.ChatGroup);

    /// <summary>All groups by id.</summary>
    public async Task<IReadOnlyList<ChatGroup>> ListGroupsAsync() =>
        [.. (await ListAsync(Keys.Groups, GridJson.Default.ChatGroup)).OrderBy(g => g.Id, StringComparer.Ordinal)];

    /// <summary>The groups serving an area, by id.</summary>
    public async Task<IReadOnlyList<ChatGroup>> GroupsOfAreaAsync(string areaId)
    {
        var ids = await Db.SetMembersAsync(Keys.AreaGroups(areaId));
        return [.. (await GetManyAsync(Keys.Groups, ids, GridJson.Default.ChatGroup)).OrderBy(g => g.Id, StringComparer.Ordinal)];
    }
}
