using Quartz;

namespace GridService.Notifier.Scheduling;

/// <summary>Registers the Quartz schedules.</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// The lock, watermarks and the three jobs on an in-memory Quartz store, each firing at start-up (to catch up)
    /// and every <see cref="SchedulingOptions.Interval"/>. Several Notifiers may each run their own in-memory
    /// scheduler: the Redis lock lets one run at a time and the message ids keep repeats from sending. A clustered
    /// AdoJobStore is described in docs/notices.md.
    /// </summary>
    public static IServiceCollection AddNotifierScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();
        services.AddSingleton<Watermarks>();
        services.AddSingleton<ScheduledRun>();

        var options = new SchedulingOptions();
        configuration.GetSection(SchedulingOptions.Section).Bind(options);
        if (!options.Enabled) return services;

        services.AddQuartz(q =>
        {
            // Unique per process: two in-memory schedulers with one name would share Quartz's static registry (tests run several hosts).
            var instance = $"{options.SchedulerName}-{Guid.NewGuid():N}";
            q.ConfigureScheduler(s => s.InstanceName = instance);
            q.UseInMemoryStore();
            AddJob<NoticeScheduleJob>(q, "notice-schedule", options.Interval);
            AddJob<BillingReminderJob>(q, "billing-reminders", options.Interval);
            AddJob<ManagerDigestJob>(q, "manager-digest", options.Interval);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    private static void AddJob<T>(IQuartzBuilder quartz, string name, TimeSpan interval) where T : IJob
    {
        var key = new JobKey(name);
        quartz.AddJob<T>(j => j.WithIdentity(key));
        quartz.AddTrigger(t => t.ForJob(key).WithIdentity(name + "-trigger").StartNow()
            .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
    }
}
