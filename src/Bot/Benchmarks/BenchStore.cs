using System.Globalization;
using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Bot.Benchmarks;

/// <summary>What the benchmark asks of the store beyond the host's own use: its CPU, and removing the run's keys.</summary>
internal static class BenchStore
{
    public static async Task<IConnectionMultiplexer> AdminConnectionAsync(string connectionString)
    {
        var options = ConfigurationOptions.Parse(connectionString);
        options.AllowAdmin = true;
        return await ConnectionMultiplexer.ConnectAsync(options);
    }

    // CPU the store has used so far (Redis INFO cpu); zero for the embedded store or one that does not report it.
    public static async Task<TimeSpan> StoreCpuAsync(IConnectionMultiplexer? admin)
    {
        if (admin is null) return TimeSpan.Zero;
        var total = 0.0;
        foreach (var server in admin.GetServers())
        {
            try
            {
                foreach (var pair in (await server.InfoAsync("cpu")).SelectMany(g => g))
                {
                    if (pair.Key is "used_cpu_sys" or "used_cpu_user"
                        && double.TryParse(pair.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds))
                    {
                        total += seconds;
                    }
                }
            }
            catch (RedisException)
            {
                // Some managed Redis services refuse INFO.
            }
        }

        return TimeSpan.FromSeconds(total);
    }

    // The run's keys all start with its own prefix; leave the Redis as it was.
    public static async Task CleanUpAsync(WebApplication app, string runId, TextWriter output)
    {
        var store = app.Services.GetRequiredService<RedisStore>();
        var deleted = 0;
        foreach (var server in store.Connection.GetServers().Where(s => !s.IsReplica))
        {
            var batch = new List<Task>();
            await foreach (var k in server.KeysAsync(pattern: runId + ":*", pageSize: 1000))
            {
                batch.Add(store.Db.KeyDeleteAsync(k));
                deleted++;
            }

            await Task.WhenAll(batch);
        }

        output.WriteLine($"  removed the run's {deleted} keys (prefix {runId})");
    }
}
