using System.Text.Json;
using System.Text.Json.Serialization;

namespace GridService.Core.Queues;

/// <summary>An item taken from a <see cref="ReliableQueue"/>; acknowledge it, retry it or dead-letter it.</summary>
/// <param name="Id">Unique id given at enqueue.</param>
/// <param name="Payload">The payload as enqueued.</param>
/// <param name="Attempt">1 on the first delivery, incremented by each retry.</param>
/// <param name="EnqueuedAt">When it was first enqueued (Unix ms).</param>
/// <param name="LastError">Why the previous attempt failed, if it did.</param>
public sealed record QueueItem(string Id, string Payload, int Attempt, long EnqueuedAt, string? LastError)
{
    /// <summary>The exact stored form; used to remove this item and no other.</summary>
    [JsonIgnore]
    internal string Raw { get; init; } = "";

    internal static QueueItem Parse(string raw)
    {
        var item = JsonSerializer.Deserialize(raw, QueueJson.Default.QueueItem)
            ?? throw new InvalidDataException("Queue item is not a JSON object.");
        return item with { Raw = raw };
    }

    internal string Serialize() => JsonSerializer.Serialize(this, QueueJson.Compact.QueueItem);
}

/// <summary>Item counts of a queue, for operators.</summary>
public sealed record QueueCounts(long Ready, long Processing, long Delayed, long Dead);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(QueueItem))]
internal sealed partial class QueueJson : JsonSerializerContext
{
    // Payloads (often Chinese text) are stored as they are rather than as \uXXXX escapes; never rendered as HTML.
    public static QueueJson Compact => s_compact ??= new(new JsonSerializerOptions(Default.Options) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private static QueueJson? s_compact;
}
