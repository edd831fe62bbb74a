using GridService.Bot.Knowledge;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Llm;

/// <summary>Registers the optional LLM behind <see cref="IAnswerRefiner"/>.</summary>
public static class LlmServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="LlmOptions"/> from section <c>Llm</c>, validated at start (a bad URL, kind or timeout stops
    /// start-up naming the key), and registers <see cref="IAnswerRefiner"/>: <see cref="LlmRefiner"/> when an
    /// endpoint is configured, else <see cref="DeterministicRefiner"/>. Needs the knowledge services
    /// (<see cref="KnowledgeServiceCollectionExtensions.AddKnowledge"/>) for the LLM; not when it is off.
    /// </summary>
    public static IServiceCollection AddLlm(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LlmOptions>()
            .Bind(configuration.GetSection(LlmOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<LlmOptions>, LlmOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<IAnswerRefiner>(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LlmOptions>>().Value;
            var loggers = sp.GetRequiredService<ILoggerFactory>();
            var logger = loggers.CreateLogger<LlmRefiner>();
            if (!options.Enabled)
            {
                LlmLog.Disabled(logger);
                return new DeterministicRefiner();
            }

            var endpoint = new Uri(options.Endpoint!);
            LlmLog.Enabled(logger, options.IsAzure ? LlmOptions.Azure : LlmOptions.OpenAI, endpoint.Host, options.Model!, options.Timeout, options.MaxCandidates);
            if (endpoint.Scheme == Uri.UriSchemeHttp && !endpoint.IsLoopback)
            {
                LlmLog.PlainHttp(logger, endpoint.Host);
            }

            var advisor = LlmAdvisor.Create(options, sp.GetRequiredService<TimeProvider>(), loggers);
            return new LlmRefiner(sp.GetRequiredService<DecisionEngine>(), sp.GetRequiredService<AnswerComposer>(), advisor, options, logger);
        });
        return services;
    }
}
