using System.Collections.Frozen;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;

namespace GridService.Core.Templates;

/// <summary>
/// Every notice template, parsed and checked once at start-up. Loading fails with a <see cref="TemplateException"/>
/// naming file, line and column when a template does not parse, uses a name its model lacks, shows personal data
/// unmasked in a group, fails to render its samples, or when a required template is missing.
/// </summary>
public sealed class TemplateCatalog
{
    private readonly FrozenDictionary<string, LoadedTemplate> _templates;

    private TemplateCatalog(string directory, IEnumerable<LoadedTemplate> templates)
    {
        Directory = directory;
        _templates = templates.ToFrozenDictionary(t => t.Kind.Name, StringComparer.Ordinal);
    }

    /// <summary>Where the templates were loaded from.</summary>
    public string Directory { get; }

    /// <summary>The kinds loaded.</summary>
    public IEnumerable<string> Kinds => _templates.Keys;

    /// <summary>Loads and checks every template in <paramref name="directory"/>; throws on any error.</summary>
    public static TemplateCatalog Load(string directory)
    {
        var report = Inspect(directory);
        if (!report.Ok)
        {
            throw new TemplateException(report.AllErrors.ToList());
        }

        return FromReport(report);
    }

    /// <summary>Checks every template in <paramref name="directory"/> and reports per file, without throwing.</summary>
    public static TemplateReport Inspect(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var full = Path.GetFullPath(directory);
        if (!System.IO.Directory.Exists(full))
        {
            return new TemplateReport(full, [], [new TemplateError(full, 0, 0, "template directory not found")]);
        }

        var builtins = TemplateContexts.Create().BuiltinObject;
        var files = System.IO.Directory.GetFiles(full, "*.scriban")
            .Order(StringComparer.Ordinal)
            .Select(path => InspectFile(full, path, builtins))
            .ToList();
        var missing = TemplateKinds.All
            .Where(kind => !files.Any(f => f.Kind == kind))
            .Select(kind => new TemplateError(Path.Combine(full, kind.Name + ".scriban"), 0, 0, "required template is missing"))
            .ToList();
        return new TemplateReport(full, files, missing);
    }

    /// <summary>A catalog of the templates that checked out, for tools that work on one template at a time.</summary>
    public static TemplateCatalog FromReport(TemplateReport report) =>
        new(report.Directory, report.Files
            .Where(f => f is { Ok: true, Kind: not null, Template: not null })
            .Select(f => new LoadedTemplate(f.Kind!, f.Template!, f.Path)));

    internal bool TryGet(string kind, out LoadedTemplate template) => _templates.TryGetValue(kind, out template!);

    private static TemplateFileReport InspectFile(string directory, string path, Scriban.Runtime.ScriptObject builtins)
    {
        var name = Path.GetFileNameWithoutExtension(path);
        if (!TemplateKinds.TryGet(name, out var kind))
        {
            var known = string.Join(", ", TemplateKinds.All.Select(k => k.Name));
            return new TemplateFileReport(path, null, [new TemplateError(path, 0, 0, $"'{name}' is not a notice kind; known kinds: {known}")]);
        }

        var text = File.ReadAllText(path);
        var errors = TemplateChecker.CheckDelimiters(text, path).ToList();
        var template = Template.Parse(text, path, TemplateContexts.ParserOptions);
        errors.AddRange(template.Messages
            .Where(m => m.Type == ParserMessageType.Error)
            .Select(m => TemplateError.At(m.Span, path, m.Message)));
        if (errors.Count == 0)
        {
            errors.AddRange(TemplateChecker.CheckNames(template, kind, builtins));
        }

        if (errors.Count == 0)
        {
            errors.AddRange(RenderSamples(directory, new LoadedTemplate(kind, template, path)));
        }

        return new TemplateFileReport(path, kind, errors) { Template = errors.Count == 0 ? template : null };
    }

    /// <summary>Renders each sample with the production settings: what static checks cannot see fails here.</summary>
    private static List<TemplateError> RenderSamples(string directory, LoadedTemplate template)
    {
        var samples = TemplateData.SamplesFor(directory, template.Kind.Name);
        if (samples.Count == 0)
        {
            return [new TemplateError(template.Path, 0, 0, $"no sample data: add samples/{template.Kind.Name}.json")];
        }

        var errors = new List<TemplateError>();
        foreach (var sample in samples)
        {
            try
            {
                var model = TemplateData.Load(sample, template.Kind);
                template.Render(TemplateContexts.Create(), model);
            }
            catch (TemplateException ex)
            {
                errors.AddRange(ex.Errors.Select(e => e with { Message = $"{e.Message} (with {Path.GetFileName(sample)})" }));
            }
            catch (ArgumentException ex)
            {
                errors.Add(new TemplateError(sample, 0, 0, ex.Message));
            }
        }

        return errors;
    }
}

/// <summary>A parsed, checked template and how to render it with a borrowed context.</summary>
internal sealed record LoadedTemplate(TemplateKind Kind, Template Template, string Path)
{
    /// <summary>Renders <paramref name="model"/>; the raw Scriban output, untidied.</summary>
    public string Render(Scriban.TemplateContext context, TemplateModel model)
    {
        var shape = Kind.Shape;
        var globals = shape.Export(model, ModelShape.Zone(model.TimeZoneId));
        foreach (var name in Kind.Required)
        {
            var value = globals[name];
            if (value is null || (value is string s && string.IsNullOrWhiteSpace(s)))
            {
                throw new ArgumentException($"Template '{Kind.Name}' needs '{name}'.", nameof(model));
            }
        }

        context.PushGlobal(globals);
        try
        {
            return Template.Render(context);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new TemplateException(TemplateError.At(ex.Span, Path, ex.OriginalMessage), ex);
        }
        finally
        {
            context.PopGlobal();
        }
    }
}
