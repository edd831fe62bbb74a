using Microsoft.Extensions.Options;

namespace GridService.Bot.Knowledge;

/// <summary>Registers the knowledge base and the decision engine (for Program.cs to call).</summary>
public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="KnowledgeOptions"/> from section <c>Knowledge</c> with validation at start, and registers the
    /// knowledge base (loaded once; a broken YAML or corpus line stops start-up with file and line; the learned
    /// engine's model is trained with it, at start-up), the composer and the engine.
    /// </summary>
    public static IServiceCollection AddKnowledge(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<KnowledgeOptions>()
            .Bind(configuration.GetSection(KnowledgeOptions.Section))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<KnowledgeOptions>, KnowledgeOptionsValidator>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value;
            var logger = sp.GetRequiredService<ILogger<KnowledgeBase>>();
            string directory = KnowledgeBase.FindDirectory(options.Directory);
            var kb = KnowledgeBase.Load(directory, options);
            if (!kb.Normalizer.UsesIcu)
            {
                KnowledgeLog.IcuMissing(logger);
            }

            KnowledgeLog.Loaded(logger, kb.Entries.Count, kb.Index.ExampleCount, kb.Index.TermCount, directory, kb.Normalizer.TraditionalSource);
            if (options.Engine == DecisionEngineKind.Learned)
            {
                // Trained here, at start-up, rather than on the first customer's message.
                var model = kb.Model;
                KnowledgeLog.Trained(logger, model.ExampleCount, kb.Corpus.Count, model.FeatureCount, model.Labels.Count, model.TrainingTime.TotalMilliseconds);
            }
            else
            {
                KnowledgeLog.RulesEngine(logger);
            }

            return kb;
        });
        services.AddSingleton(sp => new AnswerComposer(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new DecisionEngine(sp.GetRequiredService<KnowledgeBase>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<ILogger<DecisionEngine>>()));
        return services;
    }
}
