using GridService.Core.Grid;

namespace GridService.Notifier.Audiences;

/// <summary>Who an area-wide or line-level notice reaches: the areas' groups, and customers on named lines or transformers.</summary>
public sealed class AudienceResolver(GridDirectory directory, PreferenceStore preferences, DeliveryRules rules)
{
    /// <summary>A post to every group of the areas.</summary>
    public async Task<IReadOnlyList<Recipient>> GroupsAsync(IEnumerable<Area> areas)
    {
        ArgumentNullException.ThrowIfNull(areas);
        var recipients = new List<Recipient>();
        foreach (var area in areas)
        {
            foreach (var group in await directory.GroupsOfAreaAsync(area.Id))
            {
                recipients.Add(new Recipient("g:" + group.Id, group.Channel, group.Id, null, area.TimeZone, area.Id));
            }
        }

        return recipients;
    }

    /// <summary>The customers of the areas on any of <paramref name="lines"/> or <paramref name="transformers"/>, by account.</summary>
    public async Task<IReadOnlyList<Customer>> CustomersOnAsync(IEnumerable<Area> areas, IReadOnlyCollection<string> lines, IReadOnlyCollection<string> transformers)
    {
        ArgumentNullException.ThrowIfNull(areas);
        var found = new List<Customer>();
        if (lines.Count == 0 && transformers.Count == 0) return found;
        foreach (var area in areas)
        {
            found.AddRange((await directory.CustomersOfAreaAsync(area.Id))
                .Where(c => lines.Contains(c.Line, StringComparer.Ordinal) || transformers.Contains(c.Transformer, StringComparer.Ordinal)));
        }

        return found;
    }

    /// <summary>Private recipients for customers, each on their preferred channel.</summary>
    public async Task<IReadOnlyList<(Recipient Recipient, RecipientPreferences? Preferences)>> PrivateAsync(IReadOnlyList<Customer> customers, IReadOnlyDictionary<string, Area> areas)
    {
        ArgumentNullException.ThrowIfNull(customers);
        ArgumentNullException.ThrowIfNull(areas);
        var prefs = await preferences.GetManyAsync([.. customers.Select(c => c.AccountNo)]);
        return [.. customers.Select((c, i) => (rules.RoutePrivate(c, prefs[i], areas.TryGetValue(c.AreaId, out var a) ? a.TimeZone : Zones.Default), prefs[i]))];
    }

    /// <summary>The recipient behind a key recorded earlier (<see cref="Recipient.Key"/>), as they are reached now; null when gone.</summary>
    public async Task<Recipient?> FromKeyAsync(string key)
    {
        var (isGroup, id) = Recipient.ParseKey(key);
        if (isGroup)
        {
            var group = await directory.GetGroupAsync(id);
            if (group is null) return null;
            var area = await directory.GetAreaAsync(group.AreaId);
            return new Recipient(key, group.Channel, group.Id, null, area?.TimeZone ?? Zones.Default, group.AreaId);
        }

        var customer = await directory.GetCustomerAsync(id);
        if (customer is null) return null;
        var zone = (await directory.GetAreaAsync(customer.AreaId))?.TimeZone ?? Zones.Default;
        return rules.RoutePrivate(customer, await preferences.GetAsync(id), zone);
    }
}
