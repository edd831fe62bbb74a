using Scriban.Parsing;

namespace GridService.Core.Templates;

/// <summary>A problem in a template or sample file, located for the author (1-based line and column; 0 when unknown).</summary>
/// <param name="File">The file's path.</param>
/// <param name="Line">1-based line, 0 for the whole file.</param>
/// <param name="Column">1-based column, 0 for the whole line.</param>
/// <param name="Message">What is wrong, in one line.</param>
public sealed record TemplateError(string File, int Line, int Column, string Message)
{
    /// <summary>Locates a Scriban span (0-based) in its file.</summary>
    public static TemplateError At(SourceSpan span, string fallbackFile, string message) =>
        new(string.IsNullOrEmpty(span.FileName) ? fallbackFile : span.FileName, span.Start.Line + 1, span.Start.Column + 1, message);

    /// <summary><c>file:line:column: message</c>, the shape editors and CI logs link to.</summary>
    public override string ToString() => (Line, Column) switch
    {
        (0, _) => $"{File}: {Message}",
        (_, 0) => $"{File}:{Line}: {Message}",
        _ => $"{File}:{Line}:{Column}: {Message}",
    };
}

/// <summary>Templates failed to load or a render failed; <see cref="Exception.Message"/> lists every error, one a line.</summary>
public sealed class TemplateException : Exception
{
    /// <summary>Creates the exception from the errors found.</summary>
    public TemplateException(IReadOnlyList<TemplateError> errors)
        : base(string.Join(Environment.NewLine, (errors ?? throw new ArgumentNullException(nameof(errors))).Select(e => e.ToString())))
    {
        Errors = errors;
    }

    /// <summary>Creates the exception for one error.</summary>
    public TemplateException(TemplateError error, Exception? inner = null)
        : base(error?.ToString(), inner)
    {
        Errors = [error ?? throw new ArgumentNullException(nameof(error))];
    }

    /// <summary>Required by the exception pattern; prefer the constructors that take errors.</summary>
    public TemplateException()
        : this([])
    {
    }

    /// <summary>Required by the exception pattern; prefer the constructors that take errors.</summary>
    public TemplateException(string message)
        : base(message)
    {
        Errors = [];
    }

    /// <summary>Required by the exception pattern; prefer the constructors that take errors.</summary>
    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    /// <summary>Every error, in file order.</summary>
    public IReadOnlyList<TemplateError> Errors { get; }

    /// <summary>The first error: file, line and column for a one-line report.</summary>
    public TemplateError? First => Errors.Count > 0 ? Errors[0] : null;
}
