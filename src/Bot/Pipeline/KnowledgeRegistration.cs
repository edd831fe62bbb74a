using GridService.Bot.Knowledge;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Pipeline;

/// <summary>Registers the knowledge base, loaded and validated once at start-up.</summary>
public static class KnowledgeRegistration
{
    /// <summary>Binds <see cref="KnowledgeOptions"/> and registers the loaded <see cref="KnowledgeBase"/> and the engine.</summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KnowledgeOptions>().Bind(configuration.GetSection(KnowledgeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            return KnowledgeBase.Load(KnowledgeBase.FindDirectory(options.Directory), options);
        });
        services.AddSingleton(sp => new DecisionEngine(
            sp.GetRequiredService<KnowledgeBase>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<DecisionEngine>>()));
        return services;
    }
}
