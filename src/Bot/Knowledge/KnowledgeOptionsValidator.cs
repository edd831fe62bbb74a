using Microsoft.Extensions.Options;

namespace GridService.Bot.Knowledge;

/// <summary>Names every bad value: unknown or empty local facts (global or per area) and an unknown time zone.</summary>
public sealed class KnowledgeOptionsValidator : IValidateOptions<KnowledgeOptions>
{
    public ValidateOptionsResult Validate(string? name, KnowledgeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        Check(options.LocalFacts, "Knowledge:LocalFacts", errors);
        foreach (var (area, facts) in options.Areas)
        {
            Check(facts, $"Knowledge:Areas:{area}", errors);
        }

        foreach (var fact in Placeholders.Local)
        {
            if (!options.LocalFacts.ContainsKey(fact))
            {
                errors.Add($"Knowledge:LocalFacts:{fact} is missing.");
            }
        }

        if (options.AnswerThreshold is < 0 or > 1)
        {
            errors.Add($"Knowledge:AnswerThreshold {options.AnswerThreshold} must be between 0 and 1.");
        }

        if (!Zones.IsKnown(options.DefaultTimeZone))
        {
            errors.Add($"Knowledge:DefaultTimeZone '{options.DefaultTimeZone}' is not a known time zone.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void Check(Dictionary<string, string> facts, string path, List<string> errors)
    {
        foreach (var (key, value) in facts)
        {
            if (!Placeholders.Local.Contains(key))
            {
                errors.Add($"{path}:{key} is not a known local fact ({string.Join(", ", Placeholders.Local.Order(StringComparer.Ordinal))}).");
            }
            else if (string.IsNullOrWhiteSpace(value))
            {
                errors.Add($"{path}:{key} is empty.");
            }
        }
    }
}
