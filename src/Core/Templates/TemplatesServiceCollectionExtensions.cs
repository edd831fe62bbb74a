using GridService.Core.Templates;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the template catalog and renderer.</summary>
public static class TemplatesServiceCollectionExtensions
{
    /// <summary>
    /// Loads and checks the templates now, so a broken template stops start-up with its file, line and column,
    /// and registers <see cref="TemplateCatalog"/> and <see cref="TemplateRenderer"/> as singletons.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="directory">The templates directory; <see cref="TemplateDirectory.Find"/> when null.</param>
    public static IServiceCollection AddTemplates(this IServiceCollection services, string? directory = null)
    {
        var catalog = TemplateCatalog.Load(directory ?? TemplateDirectory.Find());
        services.AddSingleton(catalog);
        services.AddSingleton<TemplateRenderer>();
        return services;
    }
}
