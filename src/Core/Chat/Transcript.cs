using System.Text.Json;
using GridService.Core.Security;
using GridService.Core.Storage;
using StackExchange.Redis;

namespace GridService.Core.Chat;

/// <summary>One line of a group's transcript.</summary>
/// <param name="Seq">Position in the group's transcript, from 1; it stays the same when older lines are trimmed.</param>
/// <param name="Direction"><c>in</c> (from people) or <c>out</c> (from the bot).</param>
/// <param name="MessageId">The message id.</param>
/// <param name="SenderId">Who wrote it (the bot's messages: <c>bot</c>).</param>
/// <param name="Text">What was written, with personal numbers masked.</param>
/// <param name="ReplyTo">The message it answers, if any.</param>
/// <param name="Kind">text, reply, notice kind...</param>
/// <param name="At">When.</param>
public sealed record TranscriptEntry(
    long Seq, string Direction, string MessageId, string SenderId, string Text, string? ReplyTo, string Kind, DateTimeOffset At);

/// <summary>
/// What a group (or one person, <c>dm:&lt;id&gt;</c>) saw, in order. The simulator channel writes here, and so do
/// inbound messages, so operators and tests can read a conversation back. Lines are stored with personal numbers
/// masked (<see cref="Masking.MaskText"/>) and control characters stripped: the transcript is for following a
/// conversation, the work order keeps what staff need to reach a reporter. Old lines are trimmed by
/// <see cref="TranscriptTrimmer"/>.
/// </summary>
public sealed class Transcript(RedisStore store)
{
    // The log list, the ids already in it and the count of lines trimmed from its head share a hash tag, so one
    // script appends once and one script trims.
    private (string Log, string Ids, string Trimmed) Keys(string conversation) =>
        ($"{store.Keys.Prefix}:{{tr:{conversation}}}:log", $"{store.Keys.Prefix}:{{tr:{conversation}}}:ids",
         $"{store.Keys.Prefix}:{{tr:{conversation}}}:trimmed");

    /// <summary>The set of conversation ids that have a transcript, for the trimmer.</summary>
    public string IndexKey => $"{store.Keys.Prefix}:transcripts";

    // Appends once per message id: a redelivered message never shows twice. Returns the line's sequence number.
    private const string AppendScript = """
        if redis.call('SADD', KEYS[2], ARGV[1]) == 1 then
          return redis.call('RPUSH', KEYS[1], ARGV[2]) + tonumber(redis.call('GET', KEYS[3]) or '0')
        end
        return 0
        """;

    // Drops the first ARGV[1] lines when the head is still the line the trimmer read (ARGV[2]), and forgets their ids.
    private const string TrimScript = """
        if redis.call('LINDEX', KEYS[1], 0) ~= ARGV[2] then return 0 end
        local n = tonumber(ARGV[1])
        redis.call('LTRIM', KEYS[1], n, -1)
        redis.call('INCRBY', KEYS[3], n)
        for i = 3, #ARGV do redis.call('SREM', KEYS[2], ARGV[i]) end
        return n
        """;

    /// <summary>Appends an entry (masked and cleaned); returns its sequence number, or 0 when that message id is already there.</summary>
    public async Task<long> AppendAsync(string groupId, TranscriptEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var (log, ids, trimmed) = Keys(groupId);
        var stored = entry with { Seq = 0, Text = Masking.MaskText(DisplayText.Clean(entry.Text)) };
        var json = JsonSerializer.Serialize(stored, CoreJson.Default.TranscriptEntry);
        var seq = (long)await store.Db.ScriptEvaluateAsync(AppendScript, [log, ids, trimmed], [entry.MessageId, json]);
        if (seq > 0) _ = store.Db.SetAddAsync(IndexKey, groupId, CommandFlags.FireAndForget);
        return seq;
    }

    /// <summary>The last <paramref name="count"/> entries, in order (the console's view of a conversation).</summary>
    public async Task<IReadOnlyList<TranscriptEntry>> TailAsync(string groupId, int count)
    {
        var (log, _, trimmed) = Keys(groupId);
        var length = await store.Db.ListLengthAsync(log);
        var gone = (long?)await store.Db.StringGetAsync(trimmed) ?? 0;
        return length == 0 ? [] : await ReadAsync(groupId, gone + Math.Max(0, length - count), count);
    }

    /// <summary>Entries after sequence <paramref name="after"/>, in order.</summary>
    public async Task<IReadOnlyList<TranscriptEntry>> ReadAsync(string groupId, long after = 0, int max = 500)
    {
        var (log, _, trimmed) = Keys(groupId);
        var gone = (long?)await store.Db.StringGetAsync(trimmed) ?? 0;
        var from = Math.Max(after, gone) - gone;
        var values = await store.Db.ListRangeAsync(log, from, from + max - 1);
        var entries = new List<TranscriptEntry>(values.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var entry = JsonSerializer.Deserialize((string)values[i]!, CoreJson.Default.TranscriptEntry)!;
            entries.Add(entry with { Seq = gone + from + i + 1 });
        }

        return entries;
    }

    /// <summary>
    /// Drops lines older than <paramref name="cutoff"/> and, beyond that, the oldest lines over <paramref name="maxLines"/>.
    /// Returns how many were dropped.
    /// </summary>
    public async Task<long> TrimAsync(string conversation, DateTimeOffset cutoff, int maxLines, int batch = 500)
    {
        var (log, ids, trimmed) = Keys(conversation);
        long dropped = 0;
        while (true)
        {
            var length = await store.Db.ListLengthAsync(log);
            if (length == 0) return dropped;
            var head = await store.Db.ListRangeAsync(log, 0, batch - 1);
            var overCap = (int)Math.Min(Math.Max(0, length - maxLines), head.Length);
            var drop = overCap;
            while (drop < head.Length && JsonSerializer.Deserialize((string)head[drop]!, CoreJson.Default.TranscriptEntry)!.At < cutoff) drop++;
            if (drop == 0) return dropped;

            var args = new RedisValue[drop + 2];
            args[0] = drop;
            args[1] = head[0];
            for (var i = 0; i < drop; i++) args[i + 2] = JsonSerializer.Deserialize((string)head[i]!, CoreJson.Default.TranscriptEntry)!.MessageId;
            var n = (long)await store.Db.ScriptEvaluateAsync(TrimScript, [log, ids, trimmed], args);
            if (n == 0) return dropped; // another trimmer got there first
            dropped += n;
            if (drop < head.Length) return dropped;
        }
    }

    /// <summary>The conversations that have a transcript.</summary>
    public async Task<IReadOnlyList<string>> ConversationsAsync() =>
        [.. (await store.Db.SetMembersAsync(IndexKey)).Select(v => (string)v!)];
}
