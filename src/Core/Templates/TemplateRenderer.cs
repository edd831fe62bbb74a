using Microsoft.Extensions.ObjectPool;
using Scriban;

namespace GridService.Core.Templates;

/// <summary>
/// Renders notices from the loaded templates. Thread-safe; templates are parsed once and contexts are pooled,
/// so a render costs the model export, the evaluation and one tidy pass.
/// </summary>
public sealed class TemplateRenderer(TemplateCatalog catalog)
{
    private readonly ObjectPool<TemplateContext> _contexts = TemplateContexts.CreatePool();

    /// <summary>
    /// Renders <paramref name="kind"/> with <paramref name="model"/> (the kind's model record, see templates/README.md).
    /// The text is trimmed, lines lose trailing spaces, and blank-line runs become one blank line.
    /// </summary>
    /// <exception cref="ArgumentException">Unknown kind, wrong model type or a required variable missing.</exception>
    /// <exception cref="TemplateException">The template failed at run time (a limit was hit); located in the file.</exception>
    public string Render(string kind, object model)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(model);
        if (!catalog.TryGet(kind, out var template))
        {
            throw new ArgumentException($"Unknown template '{kind}'; known: {string.Join(", ", catalog.Kinds.Order(StringComparer.Ordinal))}.", nameof(kind));
        }

        if (model.GetType() != template.Kind.ModelType)
        {
            throw new ArgumentException($"Template '{kind}' takes a {template.Kind.ModelType.Name}, not a {model.GetType().Name}.", nameof(model));
        }

        var context = _contexts.Get();
        var text = template.Render(context, (TemplateModel)model);

        // Only a context that finished cleanly goes back: after a failure its scopes may be half unwound.
        _contexts.Return(context);
        return OutputTidy.Tidy(text);
    }
}
