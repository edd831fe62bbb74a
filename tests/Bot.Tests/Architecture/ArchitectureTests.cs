using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using GridService.Bot.Hosting;
using GridService.Core;
using GridService.Notifier.Hosting;
using Microsoft.Extensions.Logging;

namespace GridService.Bot.Tests.Architecture;

/// <summary>
/// The dependency rules, checked rather than remembered: the Bot and the Notifier share only Core (and Redis); the one
/// composer of the all-in-one process is the only Bot code that knows the Notifier; feature folders inside the Bot
/// depend one way (Pipeline → Commands → WorkOrders); log event ids are unique across the product.
/// </summary>
public sealed partial class ArchitectureTests
{
    private static readonly Assembly Core = typeof(EventIds).Assembly;
    private static readonly Assembly Bot = typeof(BotHost).Assembly;
    private static readonly Assembly Notifier = typeof(NotifierHost).Assembly;

    [Fact]
    public void ProjectReferences_HostsShareOnlyCore()
    {
        Assert.Empty(ProjectReferences("src/Core/Core.csproj"));
        Assert.Equal(["Core"], ProjectReferences("src/Notifier/Notifier.csproj"));
        // The Bot project references the Notifier for the all-in-one process only (checked type by type below).
        Assert.Equal(["Core", "Notifier"], ProjectReferences("src/Bot/Bot.csproj"));
    }

    [Fact]
    public void Assemblies_NotifierAndCoreNeverReferenceTheBot()
    {
        Assert.DoesNotContain("GridService.Bot", AssemblyReferences(Notifier));
        Assert.DoesNotContain("GridService.Bot", AssemblyReferences(Core));
        Assert.DoesNotContain("GridService.Notifier", AssemblyReferences(Core));
    }

    [Fact]
    public void BotAssembly_UsesNoNotifierTypeButTheHostRegistration()
    {
        var used = TypesReferencedFrom(Bot, "GridService.Notifier");

        Assert.Equal([typeof(NotifierHost).FullName!], used);
    }

    [Fact]
    public void BotSources_OnlyTheAllInOneComposerNamesTheNotifier()
    {
        var offenders = SourceFiles("src/Bot")
            .Where(f => !f.EndsWith(Path.Combine("Hosting", "AllInOneHost.cs"), StringComparison.Ordinal))
            .Where(f => NotifierNamespace().IsMatch(File.ReadAllText(f)));

        Assert.Empty(offenders);
    }

    // The Notifier's namespace in code (a using, a qualified name); the name of its program file, which a benchmark
    // starts as a separate process, is not a dependency.
    [GeneratedRegex(@"GridService\.Notifier(\.[A-Z]|;|\b(?!\.dll))")]
    private static partial Regex NotifierNamespace();

    [Theory]
    [InlineData("src/Bot/WorkOrders", "GridService.Bot.Pipeline")]
    [InlineData("src/Bot/WorkOrders", "GridService.Bot.Commands")]
    [InlineData("src/Bot/Commands", "GridService.Bot.Pipeline")]
    [InlineData("src/Bot/Knowledge", "GridService.Bot.Pipeline")]
    [InlineData("src/Bot/Knowledge", "GridService.Bot.WorkOrders")]
    [InlineData("src/Bot/Channels", "GridService.Bot.Pipeline")]
    public void FeatureFolders_DependOneWay(string folder, string forbidden)
    {
        var offenders = SourceFiles(folder).Where(f => NamespaceUse(forbidden).IsMatch(File.ReadAllText(f)));

        Assert.Empty(offenders);
    }

    [Fact]
    public void LogEventIds_AreUniqueAcrossTheProduct()
    {
        var ids = new[] { Core, Bot, Notifier }
            .SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => (x.Attribute!.EventId, Name: $"{x.Method.DeclaringType!.FullName}.{x.Method.Name}"))
            .ToList();

        Assert.True(ids.Count > 50, $"Only {ids.Count} [LoggerMessage] methods found: the scan is broken.");
        var duplicates = ids.GroupBy(i => i.EventId).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(i => i.Name))}");
        Assert.Empty(duplicates);
    }

    /// <summary>Full names of the types in <paramref name="assembly"/>'s metadata that resolve to assemblies named <paramref name="prefix"/>*.</summary>
    internal static IReadOnlyList<string> TypesReferencedFrom(Assembly assembly, string prefix)
    {
        using var stream = File.OpenRead(assembly.Location);
        using var pe = new PEReader(stream);
        var md = pe.GetMetadataReader();
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var handle in md.TypeReferences)
        {
            var type = md.GetTypeReference(handle);
            if (type.ResolutionScope.Kind != HandleKind.AssemblyReference) continue;
            var target = md.GetString(md.GetAssemblyReference((AssemblyReferenceHandle)type.ResolutionScope).Name);
            if (target.StartsWith(prefix, StringComparison.Ordinal)) names.Add($"{md.GetString(type.Namespace)}.{md.GetString(type.Name)}");
        }

        return [.. names];
    }

    private static IReadOnlyList<string> AssemblyReferences(Assembly assembly) =>
        [.. assembly.GetReferencedAssemblies().Select(a => a.Name!)];

    private static IReadOnlyList<string> ProjectReferences(string project) =>
        [.. XDocument.Load(Path.Combine(RepoRoot, project)).Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value)).Order(StringComparer.Ordinal)];

    private static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(Path.Combine(RepoRoot, folder), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    // "using X;", "using A = X.Y;" or a qualified name "X.Type" — but not a longer namespace such as X.Other.
    private static Regex NamespaceUse(string ns) => new(Regex.Escape(ns) + @"(\s*;|\.[A-Z])", RegexOptions.CultureInvariant);

    private static string RepoRoot { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GridService.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("GridService.sln not found above " + AppContext.BaseDirectory);
    }
}
