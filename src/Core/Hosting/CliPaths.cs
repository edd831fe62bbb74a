namespace GridService.Core.Hosting;

/// <summary>File arguments of the command lines.</summary>
public static class CliPaths
{
    /// <summary>
    /// <c>dotnet run</c> starts a web project in its own folder, so a path typed relative to where the user stands
    /// (the repository root) is found by looking in the current folder's ancestors too.
    /// </summary>
    public static string Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (Path.IsPathRooted(path) || File.Exists(path)) return path;
        for (var dir = Directory.GetParent(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, path);
            if (File.Exists(candidate)) return candidate;
        }

        return path;
    }
}
