using GridService.Core.Hosting;
using System.Globalization;
using GridService.Core.Storage;
using GridService.Notifier.Delivery.WeCom;
using Microsoft.Extensions.Logging.Abstractions;

namespace GridService.Notifier.Delivery.Status;

/// <summary>
/// <c>deliveries [--notice &lt;id&gt;] [--dead] [--max &lt;n&gt;]</c>, <c>deliveries redrive</c>, <c>deliveries robots</c>.
/// Talks to the store named by <c>ConnectionStrings:Redis</c>; without one, to the running host (<c>--url</c>, else
/// the default addresses), because the embedded store lives inside the host; with no host running, it opens the
/// embedded store itself. Settings come as in the host: appsettings.json, environment, <c>--Section:Key value</c>.
/// </summary>
public static class DeliveriesCli
{
    /// <summary>Usage lines for the Notifier's help.</summary>
    public const string Usage = """
          deliveries [--notice <id>] [--dead] [--max <n>] [--url <host>]     each recipient's delivery status
          deliveries redrive [--url <host>]                                   re-enable robots, re-queue dead letters
          deliveries robots [--url <host>]                                    group robots disabled by WeCom
        """;



    /// <summary>Runs the command; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        try
        {
            var configuration = CliConfiguration.Build(args.Skip(1));
            var verb = args.Length > 1 && !args[1].StartsWith("--", StringComparison.Ordinal) ? args[1] : "list";
            if (verb is not ("list" or "redrive" or "robots")) throw new DeliveryCliException($"deliveries: unknown command '{verb}'.\n{Usage}");
            var max = Option(args, "--max") is { } m
                ? int.TryParse(m, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= DeliveryEndpoints.MaxRecords ? n
                    : throw new DeliveryCliException($"deliveries: --max takes 1..{DeliveryEndpoints.MaxRecords}")
                : 200;
            await using var access = await ConnectAsync(args, configuration, output);
            switch (verb)
            {
                case "redrive":
                    var result = await access.Admin.RedriveAsync(CancellationToken.None);
                    output.WriteLine($"{result.Redriven} dead letters re-queued" +
                                     (result.RobotsEnabled.Count > 0 ? $"; robots enabled again: {string.Join(", ", result.RobotsEnabled)}" : ""));
                    break;
                case "robots":
                    var robots = await access.Admin.RobotsAsync(CancellationToken.None);
                    foreach (var r in robots) output.WriteLine($"{r.GroupId,-20} key {r.Fingerprint}  {r.Code} {RobotAlerts.Meaning(r.Code)}  since {Local(r.At)}  ({r.Reason})");
                    output.WriteLine(robots.Count == 0 ? "no robot is disabled" : $"{robots.Count} robots disabled; fix them, then run 'deliveries redrive'");
                    break;
                default:
                    Print(await access.Admin.ListAsync(Option(args, "--notice"), args.Contains("--dead"), max, CancellationToken.None), output);
                    break;
            }

            return 0;
        }
        catch (DeliveryCliException ex)
        {
            error.WriteLine(ex.Message);
            return 2;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or StackExchange.Redis.RedisException)
        {
            error.WriteLine($"deliveries: cannot reach the host or store: {ex.Message}");
            return 1;
        }
    }

    /// <summary>Prints a listing as a table and a summary line.</summary>
    public static void Print(DeliveryListing listing, TextWriter output)
    {
        output.WriteLine($"{"STATE",-9} {"MESSAGE",-44} {"CHANNEL",-12} {"TARGET",-18} {"TRIES",5}  {"UPDATED (UTC+8)",-19}  REASON");
        foreach (var r in listing.Deliveries)
        {
            var reason = r.Reason ?? "";
            if (r.NextAttemptAt is { } next && r.State is DeliveryState.Deferred or DeliveryState.Retrying or DeliveryState.Queued) reason = $"next {Local(next)}: {reason}";
            output.WriteLine($"{r.State.ToString().ToLowerInvariant(),-9} {r.MessageId,-44} {r.Channel,-12} {r.Target,-18} {r.Attempts,5}  {Local(r.UpdatedAt),-19}  {reason}");
        }

        var counts = listing.Counts.Count == 0 ? "none" : string.Join(", ", listing.Counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Value} {c.Key}"));
        var q = listing.Queue;
        output.WriteLine($"{(listing.Notice is null ? "" : $"notice {listing.Notice}: ")}{listing.Deliveries.Count} deliveries ({counts}); " +
                         $"outbound queue: {q.Ready} ready, {q.Processing} in progress, {q.Delayed} waiting, {q.Dead} dead");
    }

    private static string Local(DateTimeOffset at) => Zones.Local(at, Zones.Default).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static async Task<Access> ConnectAsync(string[] args, IConfiguration configuration, TextWriter output)
    {
        var token = configuration["Admin:Token"];
        if (Option(args, "--url") is { } url)
        {
            return Uri.TryCreate(url, UriKind.Absolute, out var uri)
                ? Access.Http(uri, token)
                : throw new DeliveryCliException($"deliveries: --url '{url}' is not an absolute URL, e.g. http://127.0.0.1:5080");
        }

        var storeOptions = new StoreOptions();
        configuration.GetSection(StoreOptions.Section).Bind(storeOptions);
        var connectionString = configuration.GetConnectionString("Redis");
        if (string.IsNullOrWhiteSpace(connectionString) && RedisStore.RunningHost(storeOptions.DataDirectory) is null)
        {
            output.WriteLine($"(no host is running on {Path.GetFullPath(storeOptions.DataDirectory)}: reading its embedded store directly)");
        }

        var store = await RedisStore.OpenAsync(connectionString, storeOptions, NullLogger.Instance);
        var outbox = new Outbox(store, TimeProvider.System);
        return new Access(new DeliveryAdmin(outbox, new RobotStates(store), TimeProvider.System), store, null);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        if (i < 0) return null;
        return i + 1 < args.Length ? args[i + 1] : throw new DeliveryCliException($"deliveries: {name} needs a value");
    }

    // Whatever the admin talks through, disposed when the command ends.
    private sealed class Access(IDeliveryAdmin admin, RedisStore? store, HttpClient? http) : IAsyncDisposable
    {
        public IDeliveryAdmin Admin { get; } = admin;

        public static Access Http(Uri host, string? token)
        {
            var http = new HttpClient { BaseAddress = host, Timeout = TimeSpan.FromSeconds(30) };
            return new Access(new DeliveryAdminClient(http, token), null, http);
        }

        public async ValueTask DisposeAsync()
        {
            http?.Dispose();
            if (store is not null) await store.DisposeAsync();
        }
    }
}
