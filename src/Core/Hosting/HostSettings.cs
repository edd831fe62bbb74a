using System.Globalization;
using GridService.Core.Storage;
using Microsoft.Extensions.Configuration;
using StackExchange.Redis;

namespace GridService.Core.Hosting;

/// <summary>
/// The settings a running host decides messages with, published to the store at start-up so that a command-line
/// tool queueing messages (an import that tells customers or managers something) routes them exactly as the host
/// would: the host's channel mapping, quiet hours, staff channel and billing wording, never the tool's own
/// appsettings. Only the sections in <see cref="Sections"/> are published; none of them holds a secret (webhook
/// keys and tokens live elsewhere). The stored copy outlives the host, so a tool run while the host is stopped
/// still uses what the host last ran with.
/// </summary>
public sealed class HostSettings(RedisStore store)
{
    /// <summary>The configuration sections that decide how a message is worded, routed and timed.</summary>
    public static readonly IReadOnlyList<string> Sections = ["Audiences", "Billing", "Channels", "Notices", "Alerts", "Delivery:AlertChannel"];

    private const string PublishedAtField = "_publishedAt";

    private string Key => $"{store.Keys.Prefix}:host-settings";

    /// <summary>Replaces the published settings with <paramref name="configuration"/>'s values of <see cref="Sections"/>.</summary>
    public async Task PublishAsync(IConfiguration configuration, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var entries = Values(configuration).Select(p => new HashEntry(p.Key, p.Value)).ToList();
        entries.Add(new HashEntry(PublishedAtField, now.ToString("O", CultureInfo.InvariantCulture)));
        var tx = store.Db.CreateTransaction();
        _ = tx.KeyDeleteAsync(Key);
        _ = tx.HashSetAsync(Key, [.. entries]);
        await tx.ExecuteAsync();
    }

    /// <summary>The published settings and when they were published, or null when no host published any.</summary>
    public async Task<(IReadOnlyDictionary<string, string> Values, DateTimeOffset PublishedAt)?> ReadAsync()
    {
        var entries = await store.Db.HashGetAllAsync(Key);
        if (entries.Length == 0) return null;
        var values = entries.Where(e => e.Name != PublishedAtField).ToDictionary(e => (string)e.Name!, e => (string)e.Value!, StringComparer.OrdinalIgnoreCase);
        var at = entries.FirstOrDefault(e => e.Name == PublishedAtField).Value;
        return (values, at.IsNull ? DateTimeOffset.MinValue : DateTimeOffset.Parse((string)at!, CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// <paramref name="own"/> with every key of <see cref="Sections"/> replaced by the published ones: a key the host
    /// does not set is not taken from the tool either, so the tool decides nothing the host would decide otherwise.
    /// </summary>
    public static IConfiguration Overlay(IConfiguration own, IReadOnlyDictionary<string, string> published)
    {
        ArgumentNullException.ThrowIfNull(own);
        ArgumentNullException.ThrowIfNull(published);
        var kept = own.AsEnumerable().Where(p => p.Value is not null && !InSections(p.Key));
        return new ConfigurationBuilder()
            .AddInMemoryCollection(kept)
            .AddInMemoryCollection(published.Select(p => new KeyValuePair<string, string?>(p.Key, p.Value)))
            .Build();
    }

    private static IEnumerable<KeyValuePair<string, string>> Values(IConfiguration configuration) =>
        Sections.SelectMany(section => configuration.GetSection(section).AsEnumerable().Append(new(section, configuration[section])))
            .Where(p => p.Value is not null)
            .Select(p => new KeyValuePair<string, string>(p.Key, p.Value!))
            .DistinctBy(p => p.Key, StringComparer.OrdinalIgnoreCase);

    private static bool InSections(string key) => Sections.Any(s =>
        key.Equals(s, StringComparison.OrdinalIgnoreCase) || key.StartsWith(s + ":", StringComparison.OrdinalIgnoreCase));
}
