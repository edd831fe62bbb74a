using GridService.Bot.Knowledge;
using GridService.Bot.Llm;
using GridService.Bot.Tests.Knowledge;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Tests.Llm;

/// <summary>
/// The refiner as the host registers it (<see cref="LlmServiceCollectionExtensions.AddLlm"/>), over the real knowledge
/// base and engine, pointed at a <see cref="FakeChatServer"/> of its own. Tests default to offering every answer to
/// the model (<c>RefineAnswersBelow</c> 1) so that ordinary questions exercise the LLM path.
/// </summary>
public sealed class LlmHarness : IAsyncDisposable
{
    public const string ApiKey = "sk-test-3f9a2c";
    public const string Model = "gs-chat";

    private readonly ServiceProvider _services;

    private LlmHarness(FakeChatServer server, ServiceProvider services, CapturedLogs logs)
    {
        Server = server;
        _services = services;
        Logs = logs;
    }

    public FakeChatServer Server { get; }

    public CapturedLogs Logs { get; }

    public IAnswerRefiner Refiner => _services.GetRequiredService<IAnswerRefiner>();

    public DecisionEngine Engine => _services.GetRequiredService<DecisionEngine>();

    public static async Task<LlmHarness> StartAsync(
        KnowledgeFixture knowledge, string kind = LlmOptions.OpenAI, IReadOnlyDictionary<string, string?>? settings = null,
        TimeProvider? time = null, bool configure = true, bool offerEveryAnswer = true)
    {
        var server = await FakeChatServer.StartAsync();
        var config = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (configure)
        {
            config["Llm:Endpoint"] = server.Url;
            config["Llm:Kind"] = kind;
            config["Llm:Model"] = Model;
            config["Llm:ApiKey"] = ApiKey;
            if (offerEveryAnswer)
            {
                config["Llm:RefineAnswersBelow"] = "1";
            }
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var logs = new CapturedLogs();
        var services = new ServiceCollection();
        services.AddLogging(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        services.AddSingleton(knowledge.Kb);
        services.AddSingleton(knowledge.Engine);
        services.AddSingleton(new AnswerComposer(knowledge.Options, time ?? TimeProvider.System));
        services.AddLlm(new ConfigurationBuilder().AddInMemoryCollection(config).Build());
        var provider = services.BuildServiceProvider(validateScopes: true);

        // As at start-up: invalid options throw here.
        _ = provider.GetRequiredService<IOptions<LlmOptions>>().Value;
        return new LlmHarness(server, provider, logs);
    }

    /// <summary>The engine's decision and what the refiner made of it.</summary>
    public async Task<(Decision Engine, Decision Refined)> AskAsync(string text, AnswerContext? context = null)
    {
        context ??= AnswerContext.None;
        var decision = Engine.Decide(text, context);
        return (decision, await Refiner.RefineAsync(text, decision, context, CancellationToken.None));
    }

    /// <summary>
    /// Like <see cref="AskAsync"/> for a question the test needs offered to the model: an answer below certainty or
    /// an unsure consult. Fails with the engine's decision if a knowledge-base change made the premise false.
    /// </summary>
    public Task<(Decision Engine, Decision Refined)> AskOfferedAsync(string text, AnswerContext? context = null)
    {
        var d = Engine.Decide(text, context ?? AnswerContext.None);
        Assert.True(
            (d.Topic is not null && d.Confidence < 1) || d.Reason == "retrieval:unsure",
            $"premise: '{text}' should be an uncertain answer or an unsure consult, the engine decided {d.Label} ({d.Confidence}) by {d.Reason}");
        return AskAsync(text, context);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
    }
}
