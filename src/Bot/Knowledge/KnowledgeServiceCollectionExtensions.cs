using GridService.Bot.Knowledge.Learning;
using GridService.Core.Hosting;
using GridService.Core.Storage;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Knowledge;

/// <summary>Registers the knowledge base and the decision engine (for Program.cs to call).</summary>
public static class KnowledgeServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="KnowledgeOptions"/> from section <c>Knowledge</c> with validation at start, and registers the
    /// knowledge base (loaded once; a broken YAML or corpus line stops start-up with file and line), the learned
    /// engine's model (read or trained beside the host's start, <see cref="ModelWarmup"/>), the composer and the engine.
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
            var kb = KnowledgeBase.Load(directory, options, ModelFilesFor(options, sp.GetService<IOptions<StoreOptions>>()?.Value, logger));
            if (!kb.Normalizer.UsesIcu)
            {
                KnowledgeLog.IcuMissing(logger);
            }

            KnowledgeLog.Loaded(logger, kb.Entries.Count, kb.Index.ExampleCount, kb.Index.TermCount, directory, kb.Normalizer.TraditionalSource);
            return kb;
        });
        services.AddSingleton<ModelWarmup>();
        services.AddHostedService(sp => sp.GetRequiredService<ModelWarmup>());
        services.AddSingleton<IStartupWork>(sp => sp.GetRequiredService<ModelWarmup>());
        services.AddSingleton(sp => new AnswerComposer(sp.GetRequiredService<IOptions<KnowledgeOptions>>().Value,
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new DecisionEngine(sp.GetRequiredService<KnowledgeBase>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<ILogger<DecisionEngine>>()));
        return services;
    }

    /// <summary>
    /// Starts loading the knowledge base and reading or training its model (<see cref="ModelWarmup"/>, on a thread of
    /// its own) as soon as the host is built, so it overlaps the store's start instead of following it. A failure to
    /// load is not reported here: the host resolves the knowledge base again while it starts, which loads it anew and
    /// reports the file and line as usual.
    /// </summary>
    public static void BeginLoadingKnowledge(this IServiceProvider services) => _ = services.GetRequiredService<ModelWarmup>().Begin();

    /// <summary>Where the learned engine's model is kept between starts (<see cref="KnowledgeOptions.KeepModel"/>), or null.</summary>
    public static ModelFiles? ModelFilesFor(KnowledgeOptions options, StoreOptions? store, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.KeepModel || options.Engine != DecisionEngineKind.Learned)
        {
            return null;
        }

        return new ModelFiles(string.IsNullOrWhiteSpace(options.ModelDirectory)
            ? Path.Combine(store?.DataDirectory ?? new StoreOptions().DataDirectory, "models")
            : options.ModelDirectory, logger);
    }
}
