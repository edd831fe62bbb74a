using System.Text;

namespace GridService.Notifier.Delivery;

/// <summary>
/// Splits a text that is too long for one post into parts of at most a byte budget (UTF-8), cutting at the best
/// boundary in reach: a blank line, a line end, a sentence end (。！？；.!?), a clause break (，、：,:) or a space,
/// and only as a last resort inside a run of text (never inside a character). Each part of a split text starts with
/// a <c>(1/3)</c> marker line so readers can follow.
/// </summary>
public static class MessageSplitter
{
    // Room kept for the "(12/34)\n" marker in every part.
    private const int MarkerReserve = 16;

    private static readonly char[][] Boundaries =
    [
        ['\n'],
        ['。', '！', '？', '；', '!', '?', ';', '.'],
        ['，', '、', '：', ',', ':', ' ', '\t'],
    ];

    private const string Closers = "”’」』）)】》\"'";

    /// <summary>
    /// The parts of <paramref name="text"/>, each at most <paramref name="maxBytes"/> UTF-8 bytes; one part (the
    /// text itself) when it fits, none when it is blank.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBytes, MarkerReserve * 4);
        text = text.TrimEnd();
        if (text.Trim().Length == 0) return [];
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes) return [text];

        var chunks = Chunk(text, maxBytes - MarkerReserve);
        return chunks.Select((chunk, i) => $"({i + 1}/{chunks.Count})\n{chunk}").ToList();
    }

    private static List<string> Chunk(string text, int budget)
    {
        var chunks = new List<string>();
        var start = 0;
        while (true)
        {
            while (start < text.Length && char.IsWhiteSpace(text[start])) start++;
            if (start >= text.Length) break;
            var fit = FitEnd(text, start, budget);
            var end = fit == text.Length ? fit : Cut(text, start, fit);
            chunks.Add(text[start..end].TrimEnd());
            start = end;
        }

        return chunks;
    }

    // The largest end such that text[start..end] fits the budget, never splitting a surrogate pair.
    private static int FitEnd(string text, int start, int budget)
    {
        var bytes = 0;
        var i = start;
        while (i < text.Length)
        {
            var width = char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]) ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(text.AsSpan(i, width));
            if (bytes + size > budget) break;
            bytes += size;
            i += width;
        }

        return i;
    }

    // The best boundary (blank line, line end, sentence, clause) in the last two thirds of the window, so parts stay
    // reasonably full.
    private static int Cut(string text, int start, int fit)
    {
        var floor = start + Math.Max(1, (fit - start) / 3);
        var paragraph = text.LastIndexOf("\n\n", fit - 1, fit - floor, StringComparison.Ordinal);
        if (paragraph >= floor) return paragraph + 2;
        foreach (var marks in Boundaries)
        {
            for (var i = fit - 1; i >= floor; i--)
            {
                if (Array.IndexOf(marks, text[i]) < 0) continue;
                if (text[i] == '.' && i + 1 < text.Length && !char.IsWhiteSpace(text[i + 1])) continue; // 3.5, www.x.cn
                var end = i + 1;
                while (end < fit && Closers.Contains(text[end], StringComparison.Ordinal)) end++;
                return end;
            }
        }

        return fit; // FitEnd never ends inside a character
    }
}
