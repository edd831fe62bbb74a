using System.Net;
using System.Net.Sockets;
using Garnet;
using Garnet.common;
using Microsoft.Extensions.Logging;

namespace GridService.Core.Storage;

/// <summary>
/// An in-process Garnet server on a loopback port with its append-only log under the data directory, so the
/// product runs with nothing installed and keeps its data across restarts.
/// </summary>
public sealed class EmbeddedGarnet : IDisposable
{
    private readonly GarnetServer _server;
    private readonly DataDirectoryLock _lock;

    private EmbeddedGarnet(GarnetServer server, int port, DataDirectoryLock folderLock)
    {
        _server = server;
        _lock = folderLock;
        Port = port;
    }

    /// <summary>The loopback port it listens on.</summary>
    public int Port { get; }

    /// <summary>Connection string for StackExchange.Redis.</summary>
    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    /// <summary>
    /// Takes the data directory (refusing start-up when another process holds it) and starts the server,
    /// recovering whatever the directory holds.
    /// </summary>
    public static EmbeddedGarnet Start(string dataDirectory, int port, ILogger logger, TimeProvider? time = null) =>
        Start(dataDirectory, port, logger, time, FreeLoopbackPort);

    /// <summary>
    /// As <see cref="Start(string, int, ILogger, TimeProvider?)"/>, with the way a free port is chosen when
    /// <paramref name="port"/> is 0. A chosen port is free only when it is chosen: another process can bind it before
    /// Garnet does, so a taken chosen port is given up for another (three tries). A port that was asked for is not.
    /// </summary>
    internal static EmbeddedGarnet Start(string dataDirectory, int port, ILogger logger, TimeProvider? time, Func<int> choosePort)
    {
        var root = Path.GetFullPath(dataDirectory);
        var folderLock = DataDirectoryLock.Acquire(root);
        try
        {
            GarnetServer server;
            for (var attempt = 1; ; attempt++)
            {
                var candidate = port == 0 ? choosePort() : port;
                try
                {
                    server = StartServer(root, candidate);
                    port = candidate;
                    break;
                }
                catch (GarnetException e) when (port == 0 && attempt < 3 && e.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse })
                {
                    logger.LogInformation("Port {Port} was taken by another process before the embedded store bound it; choosing another", candidate);
                }
            }

            folderLock.Publish(port, (time ?? TimeProvider.System).GetUtcNow());
            logger.LogInformation("Embedded Garnet listening on 127.0.0.1:{Port}, data in {DataDirectory}", port, root);
            return new EmbeddedGarnet(server, port, folderLock);
        }
        catch
        {
            folderLock.Dispose();
            throw;
        }
    }

    private static GarnetServer StartServer(string root, int port)
    {
        string[] args =
        [
            "--bind", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Debian lacks libaio for Garnet's native device; the managed random-access device works everywhere.
            "--device-type", "RandomAccess",
            "--lua",
            "--aof", "--aof-commit-freq", "0", "--storage-tier", "--recover",
            // Sized for a county (about a million keys, most data in hashes): Garnet's defaults (a 128 MB index, 32 MB
            // log pages, a 16 GB in-memory log, a 128 MB append-only-file buffer) are a server's; beyond these the log
            // spills to the data folder. Measured idle resident memory of the whole process: README, Configuration.
            // The in-memory log is taken page by page as data arrives, so its 1 GB cap costs a small county nothing
            // (idle 192-195 MB against 189-193 MB with 128 MB, two runs each). With 128 MB a county of 100,000
            // customers spilled its bills hash to disk, and every HGET then read the whole hash back from there: the
            // send-time re-check of `bench reminders --customers 100000` ran for more than 13 minutes without
            // finishing; with 1 GB it takes 0.8 s, and the run 4.7 s instead of 8.4 s.
            "--index", "16m", "--memory", "1g", "--page", "4m", "--aof-memory", "16m", "--aof-page-size", "8m",
            // One logical database (the product uses only 0). With several allowed, a recovering Garnet builds
            // database 0 once to look for others and throws it away, so its 16 MB index could land on freed pinned
            // memory that must be cleared: 17 MB more idle resident memory in about one start in three.
            "--max-databases", "1",
            "--logdir", Path.Combine(root, "log"), "--checkpointdir", Path.Combine(root, "checkpoint"),
            "-q", // no banner; Garnet 2.2.8 knows no long form and refuses "--quiet"
        ];
        var server = new GarnetServer(args);
        try
        {
            server.Start();
            return server;
        }
        catch
        {
            server.Dispose(); // lets go of the data folder's files before another try or the lock's release
            throw;
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _server.Dispose();
        _lock.Dispose();
    }
}
