using GridService.Core.Hosting;

namespace GridService.Bot.Knowledge;

/// <summary>
/// Reads or trains the learned engine's model beside the host's start rather than before it: <c>/healthz</c> answers
/// and channels accept (and queue) messages meanwhile, and the first decision waits for the model
/// (<see cref="KnowledgeBase.Model"/>), which takes tens of milliseconds when it was kept (<see cref="Learning.ModelFiles"/>)
/// and 1.2-2 s on the first start of a new build. Started as early as the host is built
/// (<see cref="KnowledgeServiceCollectionExtensions.BeginLoadingKnowledge"/>), else when hosted services start.
/// </summary>
public sealed class ModelWarmup(IServiceProvider services, ILogger<ModelWarmup> logger) : IHostedService, IStartupWork
{
    // A thread of its own, not the pool's: at start-up the pool has a thread per core, the store's log holds one in
    // a blocking wait, and a second busy training left the host's own start waiting for the pool to grow (1.25 s).
    private readonly Lazy<Task> _work = new(
        () => Task.Factory.StartNew(() => Warm(services, logger), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <inheritdoc />
    public Task Completion => _work.Value;

    /// <summary>Starts the work once; later calls return the same task.</summary>
    public Task Begin() => _work.Value;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _ = Begin();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static void Warm(IServiceProvider services, ILogger logger)
    {
        var kb = services.GetRequiredService<KnowledgeBase>();
        if (kb.Options.Engine != DecisionEngineKind.Learned)
        {
            KnowledgeLog.RulesEngine(logger);
            return;
        }

        var model = kb.Model;
        if (model.LoadedFrom is { } path)
        {
            KnowledgeLog.ModelLoaded(logger, path, model.LoadTime.TotalMilliseconds, model.ExampleCount, model.FeatureCount, model.Labels.Count,
                model.TrainingTime.TotalMilliseconds);
        }
        else
        {
            KnowledgeLog.Trained(logger, model.ExampleCount, kb.Corpus.Count, model.FeatureCount, model.Labels.Count, model.TrainingTime.TotalMilliseconds);
        }
    }
}
