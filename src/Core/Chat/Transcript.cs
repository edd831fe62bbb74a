using System.Text.Json;
using GridService.Core.Storage;

namespace GridService.Core.Chat;

/// <summary>One line of a group's transcript.</summary>
/// <param name="Seq">Position in the group's transcript, from 1.</param>
/// <param name="Direction"><c>in</c> (from people) or <c>out</c> (from the bot).</param>
/// <param name="MessageId">The message id.</param>
/// <param name="SenderId">Who wrote it (the bot's messages: <c>bot</c>).</param>
/// <param name="Text">What was written.</param>
/// <param name="ReplyTo">The message it answers, if any.</param>
/// <param name="Kind">text, reply, notice kind...</param>
/// <param name="At">When.</param>
public sealed record TranscriptEntry(
    long Seq, string Direction, string MessageId, string SenderId, string Text, string? ReplyTo, string Kind, DateTimeOffset At);

/// <summary>
/// What a group saw, in order. The simulator channel writes here, and so do inbound messages, so tests and the
/// embedded default can read a conversation back.
/// </summary>
public sealed class Transcript(RedisStore store)
{
    // The log list (seq = index + 1) and the ids already in it share a hash tag, so one script appends once.
    private (string Log, string Ids) Keys(string conversation) =>
        ($"{store.Keys.Prefix}:{{tr:{conversation}}}:log", $"{store.Keys.Prefix}:{{tr:{conversation}}}:ids");

    // Appends once per message id: a redelivered message never shows twice.
    private const string AppendScript = """
        if redis.call('SADD', KEYS[2], ARGV[1]) == 1 then
          return redis.call('RPUSH', KEYS[1], ARGV[2])
        end
        return 0
        """;

    /// <summary>Appends an entry; returns its sequence number, or 0 when that message id is already there.</summary>
    public async Task<long> AppendAsync(string groupId, TranscriptEntry entry)
    {
        var (log, ids) = Keys(groupId);
        var json = JsonSerializer.Serialize(entry with { Seq = 0 }, CoreJson.Default.TranscriptEntry);
        return (long)await store.Db.ScriptEvaluateAsync(AppendScript, [log, ids], [entry.MessageId, json]);
    }

    /// <summary>The last <paramref name="count"/> entries, in order (the console's view of a conversation).</summary>
    public async Task<IReadOnlyList<TranscriptEntry>> TailAsync(string groupId, int count)
    {
        var (log, _) = Keys(groupId);
        var length = await store.Db.ListLengthAsync(log);
        return length == 0 ? [] : await ReadAsync(groupId, Math.Max(0, length - count), count);
    }

    /// <summary>Entries after sequence <paramref name="after"/>, in order.</summary>
    public async Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string groupId, long after = 0, int max = 500)
    {
        var (log, _) = Keys(groupId);
        var values = await store.Db.ListRangeAsync(log, after, after + max - 1);
        var entries = new List<TranscriptEntry>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var entry = JsonSerializer.Deserialize((string)values[i]!, CoreJson.Default.TranscriptEntry)!;
            entries.Add(entry with { Seq = after + i + 1 });
        }

        return entries;
    }
}
