using GridService.Core.Templates;

namespace GridService.TestKit;

/// <summary>The shipped templates, and a throw-away copy a test may break.</summary>
public sealed class TempTemplates : IDisposable
{
    public static readonly string Shipped = TemplateDirectory.Find();

    public TempTemplates()
    {
        Dir = Path.Combine(Path.GetTempPath(), "gs-templates-" + Guid.NewGuid().ToString("N"));
        foreach (var file in Directory.GetFiles(Shipped, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(Dir, Path.GetRelativePath(Shipped, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public string Dir { get; }

    public string PathOf(string kind) => Path.Combine(Dir, kind + ".scriban");

    public string Write(string kind, string text)
    {
        var path = PathOf(kind);
        File.WriteAllText(path, text);
        return path;
    }

    public string WriteData(string name, string json)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, json);
        return path;
    }

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}

/// <summary>Loads shipped samples as models.</summary>
public static class TemplateSamples
{
    public static TemplateModel Load(string kind, string? variant = null)
    {
        Assert.True(TemplateKinds.TryGet(kind, out var k));
        var file = variant is null ? kind + ".json" : $"{kind}.{variant}.json";
        return TemplateData.Load(Path.Combine(TempTemplates.Shipped, "samples", file), k);
    }
}
