using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace GridService.Core.Templates;

/// <summary>
/// Reads template data files (the shipped <c>samples/&lt;kind&gt;.json</c> and CLI data files): JSON whose keys
/// are the template variable names. Unknown keys are errors, so a misspelt key is caught like a misspelt variable.
/// </summary>
public static partial class TemplateData
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
    };

    /// <summary>The sample files of a kind: <c>samples/&lt;kind&gt;.json</c> and variants <c>samples/&lt;kind&gt;.&lt;variant&gt;.json</c>.</summary>
    public static IReadOnlyList<string> SamplesFor(string templateDirectory, string kind)
    {
        var samples = Path.Combine(templateDirectory, "samples");
        if (!Directory.Exists(samples))
        {
            return [];
        }

        return Directory.GetFiles(samples, kind + ".json")
            .Concat(Directory.GetFiles(samples, kind + ".*.json"))
            .Order(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Reads a model of the kind's type; a missing file or bad JSON throws a located <see cref="TemplateException"/>.</summary>
    public static TemplateModel Load(string path, TemplateKind kind)
    {
        ArgumentNullException.ThrowIfNull(kind);
        if (!File.Exists(path))
        {
            throw new TemplateException(new TemplateError(path, 0, 0, "data file not found"));
        }

        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, kind.ModelType, Options) as TemplateModel
                ?? throw new TemplateException(new TemplateError(path, 0, 0, "the file holds null, expected an object"));
        }
        catch (JsonException ex)
        {
            var line = ex.LineNumber is { } l ? (int)l + 1 : 0;
            var column = ex.BytePositionInLine is { } c ? (int)c + 1 : 0;
            throw new TemplateException(new TemplateError(path, line, column, "invalid data: " + CleanMessage(ex.Message)), ex);
        }
    }

    private static string CleanMessage(string message) => JsonPosition().Replace(message, string.Empty).TrimEnd('.', ' ');

    [GeneratedRegex(@"\s*\|?\s*LineNumber: \d+ \| BytePositionInLine: \d+\.?")]
    private static partial Regex JsonPosition();
}
