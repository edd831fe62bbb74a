using Microsoft.Extensions.Options;
using Quartz;

namespace GridService.Notifier.Scheduling.Clustered;

/// <summary>
/// The jobs' triggers. In memory each fires at start-up (the catch-up) and every interval, and a late firing is
/// dropped in favour of the next. In the clustered store the trigger outlives every Notifier: a firing missed while
/// all were down fires once as soon as one is back (and decides the whole gap from its watermark). At start this
/// service reschedules a stored trigger whose interval no longer matches <c>Scheduling:Interval</c>.
/// </summary>
public sealed partial class ClusteredTriggers(ISchedulerFactory schedulers, IOptions<SchedulingOptions> options, ILogger<ClusteredTriggers> logger) : IHostedService
{
    /// <summary>Shapes a job's trigger: every <paramref name="interval"/>, with the misfire rule of the store.</summary>
    public static ITriggerConfigurator<IJob> Every(ITriggerConfigurator<IJob> trigger, TimeSpan interval, bool clustered)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        return trigger.StartNow().WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever()
            .WithMisfireInstruction(clustered ? SimpleTriggerMisfireInstruction.NowWithExistingCount : SimpleTriggerMisfireInstruction.NextWithRemainingCount));
    }

    /// <inheritdoc />
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var interval = options.Value.Interval;
        foreach (var key in await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.AnyGroup(), cancellationToken))
        {
            if (await scheduler.GetTrigger(key, cancellationToken) is not ISimpleTrigger stored || stored.RepeatInterval == interval) continue;
            var fresh = TriggerBuilder.Create().ForJob(stored.JobKey).WithIdentity(key);
            Every(fresh, interval, clustered: true);
            await scheduler.RescheduleJob(key, fresh.Build(), cancellationToken);
            Log.Rescheduled(logger, key.Name, stored.RepeatInterval, interval);
        }
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static partial class Log
    {
        [LoggerMessage(EventIds.Scheduling + 52, LogLevel.Information, "Scheduling: trigger {Trigger} moved from every {Old} to every {New} (Scheduling:Interval changed)")]
        public static partial void Rescheduled(ILogger logger, string trigger, TimeSpan old, TimeSpan @new);
    }
}
