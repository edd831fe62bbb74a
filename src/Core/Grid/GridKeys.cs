using GridService.Core.Storage;

namespace GridService.Core.Grid;

/// <summary>
/// Keys of the reference data. Entity hashes and their indexes share the hash tag <c>{ref}</c>: saving a customer
/// writes the entity, its group and area sets and its chat binding in one transaction, which a cluster allows only
/// in one slot. Bills are per period (one hash each), so a county's bills spread over the cluster.
/// </summary>
public sealed class GridKeys(string prefix)
{
    /// <summary>The keys under <paramref name="store"/>'s prefix.</summary>
    public static GridKeys Of(RedisStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return new GridKeys(store.Keys.Prefix);
    }

    /// <summary>Entity hash: id → JSON (areas, staff, groups, customers, notices).</summary>
    public string Entities(string kind) => $"{prefix}:{{ref}}:{kind}";

    /// <summary>Entity hash of areas.</summary>
    public string Areas => Entities("areas");

    /// <summary>Entity hash of staff.</summary>
    public string Staff => Entities("staff");

    /// <summary>Entity hash of chat groups.</summary>
    public string Groups => Entities("groups");

    /// <summary>Entity hash of customers, keyed by account number.</summary>
    public string Customers => Entities("customers");

    /// <summary>Entity hash of outage notices.</summary>
    public string Notices => Entities("notices");

    /// <summary>Set of group ids of an area.</summary>
    public string AreaGroups(string areaId) => $"{prefix}:{{ref}}:area-groups:{areaId}";

    /// <summary>Set of customer account numbers of an area.</summary>
    public string AreaCustomers(string areaId) => $"{prefix}:{{ref}}:area-customers:{areaId}";

    /// <summary>Set of customer account numbers in a group.</summary>
    public string GroupCustomers(string groupId) => $"{prefix}:{{ref}}:group-customers:{groupId}";

    /// <summary>Hash: chat user id → account number, for bound customers.</summary>
    public string ChatBindings => $"{prefix}:{{ref}}:chat-bindings";

    /// <summary>Sorted set of notice ids of an area, scored by the notice's end (Unix ms).</summary>
    public string AreaNotices(string areaId) => $"{prefix}:{{ref}}:area-notices:{areaId}";

    /// <summary>Hash of one billing period: account number → bill JSON.</summary>
    public string Bills(string period) => $"{prefix}:bills:{period}";

    /// <summary>Marker that sample data was loaded.</summary>
    public string SeededMarker => $"{prefix}:seeded";
}
