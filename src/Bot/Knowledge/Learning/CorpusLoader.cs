using System.Text.Json;

namespace GridService.Bot.Knowledge.Learning;

/// <summary>
/// Reads the labelled corpus: <c>corpus/*.jsonl</c> under the knowledge folder, one <c>{"q","label","style"}</c> per
/// line. A line that is not JSON, lacks <c>q</c> or names an unknown label stops loading with file and line: a
/// mislabelled training line silently teaches the bot a wrong answer.
/// </summary>
internal static class CorpusLoader
{
    /// <summary>The corpus folder's name under the knowledge directory.</summary>
    public const string Folder = "corpus";

    public static List<LabelledExample> LoadDirectory(string knowledgeDirectory)
    {
        string directory = Path.Combine(knowledgeDirectory, Folder);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var examples = new List<LabelledExample>();
        foreach (var file in Directory.GetFiles(directory, "*.jsonl").Order(StringComparer.Ordinal))
        {
            examples.AddRange(LoadFile(file));
        }

        return examples;
    }

    public static IEnumerable<LabelledExample> LoadFile(string file)
    {
        int line = 0;
        string name = Path.GetFileName(file);
        foreach (var text in File.ReadLines(file))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            yield return Parse(text, file, name, line);
        }
    }

    private static LabelledExample Parse(string text, string file, string name, int line)
    {
        try
        {
            using var doc = JsonDocument.Parse(text);
            var root = doc.RootElement;
            string? q = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("q", out var qv) && qv.ValueKind == JsonValueKind.String ? qv.GetString() : null;
            string? label = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("label", out var lv) && lv.ValueKind == JsonValueKind.String ? lv.GetString() : null;
            string style = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("style", out var sv) && sv.ValueKind == JsonValueKind.String ? sv.GetString() ?? "" : "";
            if (string.IsNullOrWhiteSpace(q))
            {
                throw new KnowledgeBaseException(file, line, "corpus line needs a non-empty string \"q\"");
            }

            if (label is null || !LabelledExample.KnownLabels.Contains(label))
            {
                throw new KnowledgeBaseException(file, line, $"unknown label '{label}' (answer:<topic of faq-topics.md>, escalate:repair|complaint|consult or none)");
            }

            return new LabelledExample(q, label, $"{name}:{line}", style);
        }
        catch (JsonException ex)
        {
            throw new KnowledgeBaseException(file, line, "corpus line is not JSON: " + ex.Message);
        }
    }
}
