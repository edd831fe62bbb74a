using System.Globalization;
using System.Text.Json;
using GridService.Core.Hosting;

namespace GridService.Core.Storage;

/// <summary>
/// One process per embedded data folder. The owner holds <c>host.lock</c> open exclusively for its lifetime (the
/// operating system drops the lock when the process dies, even by kill -9) and writes <c>host.json</c> with its PID
/// and the embedded store's port, so a second host refuses to start instead of corrupting the append-only log, and a
/// command-line tool finds the running host's store and talks to it.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private const string LockFile = "host.lock";
    private const string InfoFile = "host.json";

    private readonly FileStream _lock;
    private readonly string _info;

    private DataDirectoryLock(FileStream handle, string info)
    {
        _lock = handle;
        _info = info;
    }

    /// <summary>Who holds a data folder: the process and the port its embedded store listens on.</summary>
    public sealed record Holder(int Pid, int Port, DateTimeOffset Since);

    /// <summary>Takes the folder; null when another process holds it (see <see cref="ReadHolder"/>).</summary>
    public static DataDirectoryLock? TryAcquire(string folder)
    {
        Directory.CreateDirectory(folder);
        try
        {
            var handle = new FileStream(Path.Combine(folder, LockFile), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            return new DataDirectoryLock(handle, Path.Combine(folder, InfoFile));
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>Takes the folder or refuses start-up with one line naming it and its holder.</summary>
    public static DataDirectoryLock Acquire(string folder) =>
        TryAcquire(folder) ?? throw new StartupRefusedException(Describe(folder, ReadHolder(folder)));

    /// <summary>The process recorded as holding <paramref name="folder"/>, if it left a readable record.</summary>
    public static Holder? ReadHolder(string folder)
    {
        try
        {
            return JsonSerializer.Deserialize<Holder>(File.ReadAllText(Path.Combine(folder, InfoFile)));
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Records this process and the embedded store's <paramref name="port"/> for tools to find.</summary>
    public void Publish(int port, DateTimeOffset now) =>
        File.WriteAllText(_info, JsonSerializer.Serialize(new Holder(Environment.ProcessId, port, now)));

    /// <summary>One line: the folder is in use, by whom, and what to do.</summary>
    public static string Describe(string folder, Holder? holder)
    {
        var who = holder is null ? "" : string.Create(CultureInfo.InvariantCulture, $" (PID {holder.Pid}, embedded store on 127.0.0.1:{holder.Port})");
        return $"The data folder {Path.GetFullPath(folder)} is in use by another GridService process{who}. "
            + "Stop it first, or give this one another folder with --Store:DataDirectory <folder>.";
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            File.Delete(_info);
        }
        catch (IOException)
        {
            // Best effort: a stale record names a PID that no longer holds the lock, which readers check.
        }

        _lock.Dispose();
    }
}
