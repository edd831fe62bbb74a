using Scriban;

namespace GridService.Core.Templates;

/// <summary>The outcome of checking one template file.</summary>
/// <param name="Path">The template file.</param>
/// <param name="Kind">Its kind, or null when the file name is no known kind.</param>
/// <param name="Errors">What is wrong; empty when it is fine.</param>
public sealed record TemplateFileReport(string Path, TemplateKind? Kind, IReadOnlyList<TemplateError> Errors)
{
    /// <summary>True when the template parsed, its names check and every sample renders.</summary>
    public bool Ok => Errors.Count == 0;

    /// <summary>The parsed template, set when <see cref="Ok"/>.</summary>
    internal Template? Template { get; init; }
}

/// <summary>The outcome of checking a template directory.</summary>
/// <param name="Directory">The directory checked.</param>
/// <param name="Files">One report per <c>*.scriban</c> file, in name order.</param>
/// <param name="Errors">Errors of the set itself: a missing directory or required template.</param>
public sealed record TemplateReport(string Directory, IReadOnlyList<TemplateFileReport> Files, IReadOnlyList<TemplateError> Errors)
{
    /// <summary>True when nothing is wrong anywhere.</summary>
    public bool Ok => Errors.Count == 0 && Files.All(f => f.Ok);

    /// <summary>Every error: each file's, then the set's.</summary>
    public IEnumerable<TemplateError> AllErrors => Files.SelectMany(f => f.Errors).Concat(Errors);
}
