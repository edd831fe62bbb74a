namespace GridService.Notifier.Tests.Billing;

/// <summary>A CSV file in a temporary folder, deleted with the folder.</summary>
public sealed class TempCsv : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("gs-csv-").FullName;

    /// <summary>Writes <paramref name="lines"/> as <paramref name="name"/> (UTF-8, LF) and returns its path.</summary>
    public string Write(string name, params string[] lines)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }

    /// <inheritdoc />
    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
