using GridService.Core.Grid;

namespace GridService.Bot.StaffConsole.Auth;

/// <summary>
/// What one member of staff may see and act on: an area manager (or staff bound to a group) their own areas, a
/// supervisor the areas they supervise and those areas' managers, the service centre everything. Worked out on
/// every request from the roster, so a handover (交班) or a new supervisor counts at once.
/// </summary>
public sealed class ConsoleScope
{
    private readonly HashSet<string> _areaIds;
    private readonly HashSet<string> _groupIds;
    private readonly Dictionary<string, Staff> _staff;

    private ConsoleScope(ConsoleUser user, IReadOnlyList<Area> areas, IReadOnlyList<ChatGroup> groups, IReadOnlyList<Staff> staff, IReadOnlyList<Area> allAreas)
    {
        User = user;
        Areas = areas;
        Groups = groups;
        AllAreas = allAreas;
        _areaIds = new HashSet<string>(areas.Select(a => a.Id), StringComparer.Ordinal);
        _groupIds = new HashSet<string>(groups.Select(g => g.Id), StringComparer.Ordinal);
        _staff = staff.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    /// <summary>Who is signed in.</summary>
    public ConsoleUser User { get; }

    /// <summary>The areas they see, by id.</summary>
    public IReadOnlyList<Area> Areas { get; }

    /// <summary>The groups of those areas, by id.</summary>
    public IReadOnlyList<ChatGroup> Groups { get; }

    /// <summary>Every area (names for orders transferred across areas).</summary>
    public IReadOnlyList<Area> AllAreas { get; }

    /// <summary>The ids of <see cref="Areas"/>.</summary>
    public IReadOnlyCollection<string> AreaIds => _areaIds;

    /// <summary>True for the service centre, who sees and may do everything (re-drive, review proposals).</summary>
    public bool IsCentre => User.Role == StaffRole.Centre;

    /// <summary>True for whoever oversees other people's areas (supervisors and the centre).</summary>
    public bool Oversees => User.Role is StaffRole.Supervisor or StaffRole.Centre;

    /// <summary>True when the area is theirs.</summary>
    public bool SeesArea(string areaId) => _areaIds.Contains(areaId);

    /// <summary>True when the group is in one of their areas.</summary>
    public bool SeesGroup(string groupId) => _groupIds.Contains(groupId);

    /// <summary>A member of staff by id, or null.</summary>
    public Staff? StaffById(string id) => _staff.GetValueOrDefault(id);

    /// <summary>The display name of a staff id (the id itself when unknown: a department).</summary>
    public string NameOf(string id) => _staff.TryGetValue(id, out var s) ? s.Name : id;

    /// <summary>An area's name (the id when unknown).</summary>
    public string AreaName(string areaId) => AllAreas.FirstOrDefault(a => a.Id == areaId)?.Name ?? areaId;

    /// <summary>A group in scope by id, or null.</summary>
    public ChatGroup? Group(string groupId) => Groups.FirstOrDefault(g => g.Id == groupId);

    /// <summary>The managers of the areas in scope, with their areas (what a supervisor looks after).</summary>
    public IEnumerable<(Staff Manager, IReadOnlyList<Area> Areas)> Managers() =>
        Areas.GroupBy(a => a.ManagerId, StringComparer.Ordinal)
            .Select(g => (StaffById(g.Key) ?? new Staff(g.Key, g.Key, "", StaffRole.Manager, ""), (IReadOnlyList<Area>)[.. g]))
            .OrderBy(m => m.Item1.Id, StringComparer.Ordinal);

    /// <summary>Works out the scope of <paramref name="user"/> from the roster.</summary>
    public static async Task<ConsoleScope> ForAsync(ConsoleUser user, GridDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(directory);
        var areasTask = directory.ListAreasAsync();
        var groupsTask = directory.ListGroupsAsync();
        var staffTask = directory.ListStaffAsync();
        var (areas, groups, staff) = (await areasTask, await groupsTask, await staffTask);
        var mine = user.Role switch
        {
            StaffRole.Centre => areas,
            StaffRole.Supervisor => [.. areas.Where(a => a.SupervisorId == user.Id || a.ManagerId == user.Id)],
            _ => [.. areas.Where(a => a.ManagerId == user.Id || groups.Any(g => g.AreaId == a.Id && g.ManagerIds.Contains(user.Id, StringComparer.Ordinal)))],
        };
        var ids = mine.Select(a => a.Id).ToHashSet(StringComparer.Ordinal);
        return new ConsoleScope(user, mine, [.. groups.Where(g => ids.Contains(g.AreaId))], staff, areas);
    }
}
