using System.Text;

namespace GridService.Core.Templates;

/// <summary>Makes rendered text chat-ready: trimmed, no trailing spaces, at most one blank line in a row, <c>\n</c> line ends.</summary>
internal static class OutputTidy
{
    [ThreadStatic]
    private static StringBuilder? _builder;

    public static string Tidy(string text)
    {
        if (IsTidy(text))
        {
            return text;
        }

        var builder = _builder ??= new StringBuilder(512);
        builder.Clear();
        var blank = false;
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.TrimEnd();
            if (line.IsEmpty)
            {
                blank = builder.Length > 0;
                continue;
            }

            if (builder.Length > 0)
            {
                builder.Append(blank ? "\n\n" : "\n");
            }
            else
            {
                line = line.TrimStart();
            }

            builder.Append(line);
            blank = false;
        }

        var result = builder.ToString();
        if (builder.Capacity > 64 * 1024)
        {
            _builder = null;
        }

        return result;
    }

    /// <summary>The common case, checked without allocating: well-written templates already render tidy text.</summary>
    private static bool IsTidy(string text)
    {
        if (text.Length == 0)
        {
            return true;
        }

        if (char.IsWhiteSpace(text[0]) || char.IsWhiteSpace(text[^1]) || text.Contains('\r', StringComparison.Ordinal)
            || text.Contains("\n\n\n", StringComparison.Ordinal))
        {
            return false;
        }

        for (var i = text.IndexOf('\n', StringComparison.Ordinal); i > 0; i = text.IndexOf('\n', i + 1))
        {
            if (char.IsWhiteSpace(text[i - 1]) && text[i - 1] != '\n')
            {
                return false;
            }
        }

        return true;
    }
}
