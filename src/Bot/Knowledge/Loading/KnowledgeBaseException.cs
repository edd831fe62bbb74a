namespace GridService.Bot.Knowledge;

/// <summary>The knowledge base cannot be loaded; names the file and line to fix.</summary>
public sealed class KnowledgeBaseException : Exception
{
    public KnowledgeBaseException()
    {
    }

    public KnowledgeBaseException(string message)
        : base(message)
    {
    }

    public KnowledgeBaseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KnowledgeBaseException(string file, int line, string problem, Exception? innerException = null)
        : base($"{file}:{line}: {problem}", innerException)
    {
        File = file;
        Line = line;
    }

    /// <summary>The YAML file at fault, when there is one.</summary>
    public string? File { get; }

    /// <summary>1-based line in <see cref="File"/>, 0 when the problem is not on one line.</summary>
    public int Line { get; }
}
