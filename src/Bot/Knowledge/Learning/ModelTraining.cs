using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Knowledge.Learning;

/// <summary>
/// Trains the learned engine's model as the host starts, off the start-up path: the host answers health checks and
/// accepts messages at once, and the first decision waits for the model (it is one <see cref="Lazy{T}"/>), so no
/// message is ever decided without it. A failure stops the host, as any background service's does.
/// </summary>
internal sealed class ModelTraining(KnowledgeBase kb, IOptions<KnowledgeOptions> options, ILogger<ModelTraining> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.Engine != DecisionEngineKind.Learned)
        {
            KnowledgeLog.RulesEngine(logger);
            return;
        }

        var model = await Task.Run(() => kb.Model, stoppingToken);
        KnowledgeLog.Trained(logger, model.ExampleCount, kb.Corpus.Count, model.FeatureCount, model.Labels.Count, model.TrainingTime.TotalMilliseconds);
    }
}
