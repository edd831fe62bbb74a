using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace GridService.Bot.Knowledge;

/// <summary>Formats one decision for <c>ask</c>: readable text, or one JSON object with <c>--json</c>.</summary>
public static class AskCommand
{
    // Chinese stays readable in the JSON; output goes to a terminal or a file, never into HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// <c>{"decision":"answer:billing.pay-channels","confidence":0.93,"reply":"...","topic":"billing.pay-channels"}</c>
    /// with <paramref name="json"/>, else the label, confidence and reply on separate lines.
    /// </summary>
    public static string Format(Decision d, bool json)
    {
        ArgumentNullException.ThrowIfNull(d);
        if (!json)
        {
            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"{d.Label} ({d.Confidence:0.00})");
            if (d.Reply is not null)
            {
                text.Append('\n').Append(d.Reply);
            }

            return text.ToString();
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("decision", d.Label);
            writer.WriteNumber("confidence", Math.Round(d.Confidence, 3));
            if (d.Reply is null)
            {
                writer.WriteNull("reply");
            }
            else
            {
                writer.WriteString("reply", d.Reply);
            }

            if (d.Topic is null)
            {
                writer.WriteNull("topic");
            }
            else
            {
                writer.WriteString("topic", d.Topic);
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
