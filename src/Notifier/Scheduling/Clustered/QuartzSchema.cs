using System.Net.Sockets;
using GridService.Core.Hosting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridService.Notifier.Scheduling.Clustered;

/// <summary>
/// Creates or migrates Quartz's tables in PostgreSQL before the clustered scheduler starts: applies, in order, each
/// numbered script embedded under <c>Scheduling/Clustered/Schema/</c> that this database has not had yet, each in
/// one transaction together with its row in <c>gridservice_schema</c>, under an advisory lock so that Notifiers
/// starting together apply each script once. Quartz then validates the schema itself.
/// </summary>
public sealed partial class QuartzSchema(IOptions<SchedulingOptions> options, ILogger<QuartzSchema> logger) : IHostedService
{
    // "gsschema" as a number: the advisory lock every Notifier takes while it looks at the schema.
    private const long LockKey = 0x6773_7363_6865_6d61;
    private const string ResourcePrefix = "GridService.Notifier.Schema.";

    /// <summary>The embedded scripts, oldest first: version (the file name without <c>.sql</c>) and text.</summary>
    public static IReadOnlyList<(string Version, string Sql)> Scripts { get; } = LoadScripts();

    /// <summary>The row key of this store's scripts in <c>gridservice_schema</c> (one per table prefix).</summary>
    private string Component => "quartz:" + options.Value.TablePrefix;

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(options.Value.ConnectionString);
        try
        {
            await MigrateAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or SocketException or TimeoutException)
        {
            throw new StartupRefusedException(
                $"Scheduling: PostgreSQL at {builder.Host}:{builder.Port} database '{builder.Database}' could not be prepared ({ex.Message.Trim()}). " +
                "Check ConnectionStrings:Scheduling, or set Scheduling:Store memory.");
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Applies the scripts this database lacks; returns the versions it applied (none when up to date).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(options.Value.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS gridservice_schema (
                  component text NOT NULL,
                  version text NOT NULL,
                  applied_at timestamptz NOT NULL DEFAULT now(),
                  PRIMARY KEY (component, version))
                """, cancellationToken);
            var applied = await AppliedAsync(connection, cancellationToken);
            var done = new List<string>();
            foreach (var (version, sql) in Scripts.Where(s => !applied.Contains(s.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                foreach (var statement in Statements(sql, options.Value.TablePrefix))
                {
                    await ExecuteAsync(connection, transaction, statement, cancellationToken);
                }

                await using (var record = new NpgsqlCommand("INSERT INTO gridservice_schema (component, version) VALUES (@c, @v)", connection, transaction))
                {
                    record.Parameters.AddWithValue("c", Component);
                    record.Parameters.AddWithValue("v", version);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                Log.Applied(logger, version, options.Value.TablePrefix);
                done.Add(version);
            }

            if (done.Count == 0) Log.UpToDate(logger, options.Value.TablePrefix, Scripts[^1].Version);
            return done;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    /// <summary>The script's statements (Quartz separates them with a line <c>--;;</c>) with the table prefix in place.</summary>
    public static IEnumerable<string> Statements(string sql, string tablePrefix)
    {
        ArgumentNullException.ThrowIfNull(sql);
        foreach (var piece in sql.Split("\n--;;", StringSplitOptions.TrimEntries))
        {
            var statement = string.Join('\n', piece.Split('\n').Where(l => !l.TrimStart().StartsWith("--", StringComparison.Ordinal))).Trim();
            if (statement.Length > 0) yield return statement.Replace("{0}", tablePrefix, StringComparison.Ordinal).Replace("{1}", tablePrefix, StringComparison.Ordinal);
        }
    }

    private async Task<HashSet<string>> AppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT version FROM gridservice_schema WHERE component = @c", connection);
        command.Parameters.AddWithValue("c", Component);
        var applied = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) applied.Add(reader.GetString(0));
        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<(string Version, string Sql)> LoadScripts()
    {
        var assembly = typeof(QuartzSchema).Assembly;
        var scripts = new List<(string, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
            scripts.Add((name[ResourcePrefix.Length..^".sql".Length], reader.ReadToEnd()));
        }

        return scripts;
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Scheduling + 50, LogLevel.Information, "Scheduling: applied schema script {Version} (tables {Prefix}*) in PostgreSQL")]
        public static partial void Applied(ILogger logger, string version, string prefix);

        [LoggerMessage(EventIds.Scheduling + 51, LogLevel.Debug, "Scheduling: PostgreSQL schema of {Prefix}* is up to date ({Version})")]
        public static partial void UpToDate(ILogger logger, string prefix, string version);
    }
}
