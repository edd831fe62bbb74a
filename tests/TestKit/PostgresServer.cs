using Npgsql;

namespace GridService.TestKit;

/// <summary>
/// A throw-away PostgreSQL for tests: <c>initdb</c> in a temporary folder and <c>pg_ctl start</c> on a spare loopback
/// port (as the <c>postgres</c> user when the tests run as root, since PostgreSQL refuses root), one per test run;
/// each test takes its own database. <see cref="Unavailable"/> says why tests must skip on a machine without it.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private readonly string _pgCtl;
    private readonly string _dataDirectory;
    private readonly string? _user;

    private PostgresServer(string pgCtl, string dataDirectory, string? user, int port)
    {
        _pgCtl = pgCtl;
        _dataDirectory = dataDirectory;
        _user = user;
        Port = port;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    private static string? BinDirectory =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => d.Length).ThenByDescending(d => d, StringComparer.Ordinal).FirstOrDefault()
            : null;

    private static string? Program(string name) => ServerTools.Find(name, BinDirectory is { } bin ? [bin] : []);

    /// <summary>Why PostgreSQL cannot be started here, or null when it can.</summary>
    public static string? Unavailable =>
        Program("initdb") is null || Program("pg_ctl") is null
            ? "PostgreSQL is not installed (initdb/pg_ctl not found; apt-get install postgresql, as .ci/run does)"
            : ServerTools.IsRoot && !File.ReadAllText("/etc/passwd").Contains("\npostgres:", StringComparison.Ordinal)
                ? "running as root and there is no 'postgres' user to run PostgreSQL as"
                : null;

    /// <summary>The run's server, started on first use and stopped when the test process exits.</summary>
    public static Task<PostgresServer> GetAsync() => Shared.Value;

    /// <summary>A connection string for <paramref name="database"/>.</summary>
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Pooling=true;Timeout=10;Command Timeout=30";

    /// <summary>Creates an empty database with a unique name; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..20];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (Unavailable is { } reason) throw new InvalidOperationException(reason);
        var user = ServerTools.IsRoot ? "postgres" : null;
        var directory = Path.Combine(Path.GetTempPath(), $"gridservice-pg-{Guid.NewGuid():N}"[..24]);
        Directory.CreateDirectory(directory);
        if (user is not null) await ServerTools.RunAsync("chown", [user, directory]);
        var data = Path.Combine(directory, "data");
        var (code, output) = await ServerTools.RunAsync(Program("initdb")!, ["-D", data, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync"], user, TimeSpan.FromMinutes(2));
        if (code != 0) throw new InvalidOperationException($"initdb failed: {output}");
        var port = HostProcess.FreePort();
        var options = $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        (code, output) = await ServerTools.RunAsync(Program("pg_ctl")!, ["-D", data, "-l", Path.Combine(directory, "postgres.log"), "-o", options, "-w", "-t", "60", "start"], user, TimeSpan.FromMinutes(2));
        if (code != 0) throw new InvalidOperationException($"pg_ctl start failed: {output}\n{TryRead(Path.Combine(directory, "postgres.log"))}");
        var server = new PostgresServer(Program("pg_ctl")!, data, user, port);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop(directory);
        return server;
    }

    // Stops its own postmaster (pg_ctl reads the PID from this data folder's postmaster.pid) and removes the folder.
    private void Stop(string directory)
    {
        try
        {
            ServerTools.RunAsync(_pgCtl, ["-D", _dataDirectory, "-m", "immediate", "-w", "stop"], _user, TimeSpan.FromSeconds(30)).GetAwaiter().GetResult();
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (TimeoutException)
        {
        }
    }

    private static string TryRead(string path) => File.Exists(path) ? File.ReadAllText(path) : "";
}
