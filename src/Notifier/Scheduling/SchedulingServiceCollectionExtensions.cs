using GridService.Notifier.Scheduling.Clustered;
using Quartz;

namespace GridService.Notifier.Scheduling;

/// <summary>Registers the Quartz schedules.</summary>
public static class SchedulingServiceCollectionExtensions
{
    /// <summary>
    /// The lock, watermarks and the three jobs, each firing every <see cref="SchedulingOptions.Interval"/>. On the
    /// in-memory store (the default) each job also fires at start-up to catch up, and several Notifiers each run their
    /// own scheduler: the Redis lock lets one run at a time and the message ids keep repeats from sending. With
    /// <c>Scheduling:Store postgres</c> the Notifiers share Quartz's clustered AdoJobStore: each trigger fires on one
    /// Notifier per period, and periods missed while every Notifier was down are caught up by one firing.
    /// </summary>
    public static IServiceCollection AddNotifierScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulingOptions>().Bind(configuration.GetSection(SchedulingOptions.Section))
            .Configure(o => o.ConnectionString = configuration.GetConnectionString("Scheduling") ?? o.ConnectionString)
            .ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<SchedulingOptions>, SchedulingOptionsValidator>();
        services.AddSingleton<Watermarks>();
        services.AddSingleton<ScheduledRun>();

        var options = new SchedulingOptions();
        configuration.GetSection(SchedulingOptions.Section).Bind(options);
        options.ConnectionString = configuration.GetConnectionString("Scheduling") ?? options.ConnectionString;
        if (!options.Enabled) return services;

        var clustered = options.Store == SchedulingStore.Postgres && !string.IsNullOrWhiteSpace(options.ConnectionString);
        if (clustered) services.AddClusteredStore(options);
        services.AddQuartz(q =>
        {
            if (clustered)
            {
                q.UseClusteredStore(options);
            }
            else
            {
                // Unique per process: two in-memory schedulers with one name would share Quartz's static registry (tests run several hosts).
                var instance = $"{options.SchedulerName}-{Guid.NewGuid():N}";
                q.ConfigureScheduler(s => s.InstanceName = instance);
                q.UseInMemoryStore();
            }

            AddJob<NoticeScheduleJob>(q, "notice-schedule", options.Interval, clustered);
            AddJob<BillingReminderJob>(q, "billing-reminders", options.Interval, clustered);
            AddJob<ManagerDigestJob>(q, "manager-digest", options.Interval, clustered);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        if (clustered) services.AddHostedService<ClusteredTriggers>();
        return services;
    }

    private static void AddJob<T>(IQuartzBuilder quartz, string name, TimeSpan interval, bool clustered) where T : IJob
    {
        var key = new JobKey(name);
        quartz.AddJob<T>(j => j.WithIdentity(key));
        quartz.AddTrigger(t => ClusteredTriggers.Every(t.ForJob(key).WithIdentity(name + "-trigger"), interval, clustered));
    }
}
