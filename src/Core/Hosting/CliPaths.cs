namespace GridService.Core.Hosting;

/// <summary>File arguments of the command lines.</summary>
public static class CliPaths
{
    /// <summary>
    /// <paramref name="path"/> resolved from where the user typed the command (<c>dotnet run</c> keeps the caller's
    /// directory; see Directory.Build.props), as an absolute path for messages that say where it looked.
    /// </summary>
    public static string Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return Path.GetFullPath(path);
    }
}
