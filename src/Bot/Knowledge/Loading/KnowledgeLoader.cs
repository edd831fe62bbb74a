using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GridService.Bot.Knowledge;

/// <summary>
/// Reads <c>*.yaml</c> entries and refuses anything a resident could be hurt by: a missing field, an unknown field or
/// placeholder, a duplicate or unknown id, a topic of faq-topics.md without an entry. Every error names file and line.
/// </summary>
internal static partial class KnowledgeLoader
{
    private static readonly string[] Required = ["id", "title", "answer", "examples", "keywords"];
    private static readonly string[] RequiredOutOfScope = ["id", "title", "label", "examples"];
    private static readonly HashSet<string> Allowed = ["id", "title", "answer", "examples", "keywords", "negative", "label"];
    private static readonly HashSet<string> OutOfScopeLabels = ["escalate:consult", "none"];

    public static List<KnowledgeEntry> LoadDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new KnowledgeBaseException(directory, 0, "knowledge directory not found");
        }

        var files = Directory.GetFiles(directory, "*.yaml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        var entries = new List<KnowledgeEntry>();
        var seen = new Dictionary<string, KnowledgeEntry>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var entry in LoadFile(file))
            {
                if (seen.TryGetValue(entry.Id, out var first))
                {
                    throw new KnowledgeBaseException(entry.SourceFile, entry.Line,
                        $"duplicate id '{entry.Id}', first defined at {first.SourceFile}:{first.Line}");
                }

                seen.Add(entry.Id, entry);
                entries.Add(entry);
            }
        }

        var missing = FaqTopics.All.Where(t => !seen.ContainsKey(t)).ToList();
        if (missing.Count > 0)
        {
            throw new KnowledgeBaseException(directory, 0, $"no entry for topic(s) {string.Join(", ", missing)}");
        }

        return entries;
    }

    public static IEnumerable<KnowledgeEntry> LoadFile(string file)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(file);
        var parser = new Parser(reader);
        try
        {
            stream.Load(parser);
        }
        catch (YamlException ex)
        {
            throw new KnowledgeBaseException(file, (int)ex.Start.Line, "YAML syntax: " + ex.Message, ex);
        }
        catch (InvalidOperationException ex)
        {
            // YamlDotNet's scanner throws this for some malformed input (e.g. an unclosed flow sequence); the
            // parser's last event still tells where it got to.
            int line = parser.Current is { } current ? (int)current.End.Line : 0;
            throw new KnowledgeBaseException(file, line, "YAML syntax: malformed near here", ex);
        }

        foreach (var document in stream.Documents)
        {
            var items = document.RootNode switch
            {
                YamlSequenceNode seq => seq.Children,
                YamlMappingNode map => [map],
                var other => throw new KnowledgeBaseException(file, Line(other), "expected a list of entries"),
            };

            foreach (var item in items)
            {
                if (item is not YamlMappingNode map)
                {
                    throw new KnowledgeBaseException(file, Line(item), "expected an entry (a mapping with id, title, answer, ...)");
                }

                yield return ReadEntry(file, map);
            }
        }
    }

    private static KnowledgeEntry ReadEntry(string file, YamlMappingNode map)
    {
        int line = Line(map);
        var fields = new Dictionary<string, YamlNode>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Children)
        {
            string name = ((YamlScalarNode)key).Value ?? string.Empty;
            if (!Allowed.Contains(name))
            {
                throw new KnowledgeBaseException(file, Line(key), $"unknown field '{name}' (allowed: {string.Join(", ", Allowed)})");
            }

            fields[name] = value;
        }

        bool outOfScope = fields.TryGetValue("id", out var idField) && idField is YamlScalarNode { Value: { } idText }
            && idText.Trim().StartsWith(KnowledgeEntry.OutOfScopePrefix, StringComparison.Ordinal);
        foreach (var name in outOfScope ? RequiredOutOfScope : Required)
        {
            if (!fields.ContainsKey(name))
            {
                string id = fields.TryGetValue("id", out var idNode) ? $" '{Scalar(file, idNode, "id")}'" : string.Empty;
                throw new KnowledgeBaseException(file, line, $"entry{id} is missing required field '{name}'");
            }
        }

        string topic = Scalar(file, fields["id"], "id");
        if (outOfScope)
        {
            return ReadOutOfScope(file, line, topic, fields);
        }

        if (fields.TryGetValue("label", out var labelNode))
        {
            throw new KnowledgeBaseException(file, Line(labelNode), $"'{topic}' is a topic: only out-of-scope classes have a label");
        }

        if (!FaqTopics.All.Contains(topic, StringComparer.Ordinal))
        {
            throw new KnowledgeBaseException(file, Line(fields["id"]), $"'{topic}' is not a topic id of faq-topics.md");
        }

        string answer = Scalar(file, fields["answer"], "answer").Trim();
        CheckPlaceholders(file, (YamlScalarNode)fields["answer"], answer);
        var examples = Strings(file, fields["examples"], "examples");
        if (examples.Count == 0)
        {
            throw new KnowledgeBaseException(file, Line(fields["examples"]), $"entry '{topic}' has no examples");
        }

        var negative = fields.TryGetValue("negative", out var neg) ? Strings(file, neg, "negative") : [];
        return new KnowledgeEntry(topic, Scalar(file, fields["title"], "title"), answer, examples,
            Keywords(file, fields["keywords"]), negative, file, line);
    }

    private static KnowledgeEntry ReadOutOfScope(string file, int line, string id, Dictionary<string, YamlNode> fields)
    {
        string label = Scalar(file, fields["label"], "label");
        if (!OutOfScopeLabels.Contains(label))
        {
            throw new KnowledgeBaseException(file, Line(fields["label"]), $"label '{label}' must be escalate:consult or none");
        }

        if (fields.TryGetValue("answer", out var answerNode))
        {
            throw new KnowledgeBaseException(file, Line(answerNode), $"'{id}' is out of scope: it has no answer");
        }

        var examples = Strings(file, fields["examples"], "examples");
        if (examples.Count == 0)
        {
            throw new KnowledgeBaseException(file, Line(fields["examples"]), $"'{id}' has no examples");
        }

        var keywords = fields.TryGetValue("keywords", out var kw) ? Keywords(file, kw) : [];
        var negative = fields.TryGetValue("negative", out var neg) ? Strings(file, neg, "negative") : [];
        return new KnowledgeEntry(id, Scalar(file, fields["title"], "title"), string.Empty, examples, keywords, negative, file, line, label);
    }

    private static void CheckPlaceholders(string file, YamlScalarNode node, string answer)
    {
        string raw = node.Value ?? string.Empty;
        foreach (Match m in PlaceholderPattern().Matches(raw))
        {
            string name = m.Groups[1].Value;
            if (!Placeholders.IsKnown(name))
            {
                // Block scalars start on the line after their indicator (| or >).
                int offset = node.Style is ScalarStyle.Literal or ScalarStyle.Folded ? 1 : 0;
                int at = Line(node) + offset + raw.AsSpan(0, m.Index).Count('\n');
                throw new KnowledgeBaseException(file, at, $"unknown placeholder '{{{{{name}}}}}' in answer");
            }
        }

        if (answer.Length == 0)
        {
            throw new KnowledgeBaseException(file, Line(node), "answer is empty");
        }
    }

    private static List<WeightedKeyword> Keywords(string file, YamlNode node)
    {
        var result = new List<WeightedKeyword>();
        switch (node)
        {
            case YamlMappingNode map:
                foreach (var (key, value) in map.Children)
                {
                    string text = Scalar(file, key, "keywords");
                    string weight = Scalar(file, value, "keywords");
                    if (!double.TryParse(weight, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var w) || w <= 0 || w > 5)
                    {
                        throw new KnowledgeBaseException(file, Line(value), $"keyword '{text}' needs a weight between 0 and 5, got '{weight}'");
                    }

                    result.Add(new WeightedKeyword(text, w));
                }

                break;
            case YamlSequenceNode:
                result.AddRange(Strings(file, node, "keywords").Select(k => new WeightedKeyword(k, 1.0)));
                break;
            default:
                throw new KnowledgeBaseException(file, Line(node), "keywords must be a mapping of word: weight or a list of words");
        }

        return result;
    }

    private static List<string> Strings(string file, YamlNode node, string field)
    {
        if (node is not YamlSequenceNode seq)
        {
            throw new KnowledgeBaseException(file, Line(node), $"'{field}' must be a list");
        }

        return seq.Children.Select(c => Scalar(file, c, field)).Where(s => s.Length > 0).ToList();
    }

    private static string Scalar(string file, YamlNode node, string field) =>
        node is YamlScalarNode { Value: { } value }
            ? value.Trim()
            : throw new KnowledgeBaseException(file, Line(node), $"'{field}' must be text");

    private static int Line(YamlNode node) => (int)node.Start.Line;

    [GeneratedRegex(@"\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}")]
    internal static partial Regex PlaceholderPattern();
}
