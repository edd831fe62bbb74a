namespace GridService.Core.Templates;

/// <summary>Finds the templates: beside the binaries (the build copies them), else the repository's <c>templates/</c>.</summary>
public static class TemplateDirectory
{
    /// <summary>
    /// <c>AppContext.BaseDirectory/templates</c> when it holds templates; otherwise the first <c>templates/</c> with
    /// <c>*.scriban</c> files walking up from the base directory, then from the current directory.
    /// </summary>
    /// <exception cref="DirectoryNotFoundException">No such directory was found.</exception>
    public static string Find()
    {
        var starts = new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() };
        foreach (var start in starts)
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "templates");
                if (Directory.Exists(candidate) && Directory.EnumerateFiles(candidate, "*.scriban").Any())
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException(
            $"No templates directory with *.scriban files in or above {AppContext.BaseDirectory} or {Directory.GetCurrentDirectory()}.");
    }
}
