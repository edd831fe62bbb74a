using System.Text.Json;

namespace GridService.Bot.Knowledge;

/// <summary>One labelled question of an evaluation file.</summary>
public sealed record EvalItem(string Id, string Question, string Expect)
{
    /// <summary>Parses <c>{"id","q","expect"}</c>; on failure says what is wrong.</summary>
    public static bool TryParse(string line, out EvalItem item, out string error)
    {
        item = new EvalItem(string.Empty, string.Empty, string.Empty);
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "not a JSON object";
                return false;
            }

            string? id = Text(root, "id"), q = Text(root, "q"), expect = Text(root, "expect");
            if (id is null || q is null || expect is null)
            {
                error = "needs string fields id, q and expect";
                return false;
            }

            item = new EvalItem(id, q, expect);
            error = string.Empty;
            return true;
        }
        catch (JsonException ex)
        {
            error = "invalid JSON: " + ex.Message;
            return false;
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}

/// <summary>A decided item: correct when the label matches; a wrong answer answers what it should not.</summary>
internal sealed record EvalResult(EvalItem Item, Decision Decision)
{
    public bool Correct => Decision.Label == Item.Expect;

    public bool WrongAnswer => !Correct && Decision.Family(Decision.Label) == "answer";
}
