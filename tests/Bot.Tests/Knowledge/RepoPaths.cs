using GridService.Bot.Knowledge;
using GridService.Bot.Knowledge.Learning;

namespace GridService.Bot.Tests.Knowledge;

/// <summary>Finds the repository root (the folder of GridService.sln) and the shared folder beside it.</summary>
internal static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string KnowledgeDirectory => Path.Combine(Root, "knowledge");

    public static string Holdout => Path.Combine(Root, "tests", "Bot.Tests", "Knowledge", "holdout.jsonl");

    /// <summary>A labelled file beside the held-out set (holdout-fresh.jsonl, blind.jsonl).</summary>
    public static string LabelledSet(string name) => Path.Combine(Root, "tests", "Bot.Tests", "Knowledge", name);

    /// <summary>
    /// shared/eval/dev.jsonl in the repository root's parent (../shared, where CI puts it) or, for a git worktree
    /// nested deeper, in a further ancestor; null when absent.
    /// </summary>
    public static string? DevSet
    {
        get
        {
            for (var dir = Directory.GetParent(Root); dir is not null; dir = dir.Parent)
            {
                string path = Path.Combine(dir.FullName, "shared", "eval", "dev.jsonl");
                if (File.Exists(path))
                {
                    return path;
                }
            }

            return null;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GridService.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GridService.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A fact that is skipped, saying why, when the shared dev set is not beside the repository.</summary>
public sealed class DevSetFactAttribute : FactAttribute
{
    public DevSetFactAttribute()
    {
        if (RepoPaths.DevSet is null)
        {
            Skip = "../shared/eval/dev.jsonl not found beside the repository root; the dev-set checks need the shared folder";
        }
    }
}

/// <summary>
/// One knowledge base and engine for the whole test run (loading builds the index and trains the model once), and
/// one 5-fold cross-validation of it, run when a test first asks.
/// </summary>
public sealed class KnowledgeFixture
{
    private readonly Lazy<List<HeldOut>> _heldOut;

    public KnowledgeFixture()
    {
        Options = new KnowledgeOptions();
        Kb = KnowledgeBase.Load(RepoPaths.KnowledgeDirectory, Options);
        Engine = new DecisionEngine(Kb);
        _heldOut = new Lazy<List<HeldOut>>(() => CrossValidation.Run(Kb, 5));
    }

    internal List<HeldOut> HeldOut => _heldOut.Value;

    public KnowledgeOptions Options { get; }

    public KnowledgeBase Kb { get; }

    public DecisionEngine Engine { get; }
}

[CollectionDefinition(Name)]
public sealed class KnowledgeCollection : ICollectionFixture<KnowledgeFixture>
{
    public const string Name = "knowledge";
}
