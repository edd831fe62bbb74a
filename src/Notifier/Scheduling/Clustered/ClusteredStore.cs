using Quartz;

namespace GridService.Notifier.Scheduling.Clustered;

/// <summary>Quartz's clustered AdoJobStore on PostgreSQL (<c>Scheduling:Store postgres</c>).</summary>
public static class ClusteredStore
{
    /// <summary>
    /// What must happen before the scheduler starts: the schema created or migrated (registered ahead of Quartz's
    /// hosted service, so it runs first), and the stored triggers kept across restarts rather than replaced, so a
    /// Notifier joining a running cluster does not fire every job again (<see cref="ClusteredTriggers"/> moves a stored
    /// trigger whose interval the configuration changed).
    /// </summary>
    public static IServiceCollection AddClusteredStore(this IServiceCollection services, SchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        services.AddHostedService<QuartzSchema>();
        services.Configure<QuartzOptions>(o => o.Scheduling.IgnoreDuplicates = true);
        return services;
    }

    /// <summary>
    /// The store: <c>quartz.jobStore.clustered = true</c> on PostgreSQL through Npgsql, one scheduler name on every
    /// Notifier and an instance id unique to each process (host, process id and a random part, so a restarted process
    /// is a new node and never mistaken for its dead predecessor). A firing later than one interval is a misfire, and
    /// a misfired trigger fires once now (not once per missed period): the job decides everything from its watermark
    /// to now, which is the catch-up.
    /// </summary>
    public static void UseClusteredStore(this IQuartzBuilder quartz, SchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(quartz);
        ArgumentNullException.ThrowIfNull(options);
        var instanceId = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
        quartz.ConfigureScheduler(s =>
        {
            s.InstanceName = options.SchedulerName;
            s.InstanceId = instanceId;
        });
        quartz.UsePersistentStore(store =>
        {
            store.UsePostgres(options.ConnectionString!);
            store.UseSystemTextJsonSerializer();
            store.UseClustering(c =>
            {
                c.CheckinInterval = options.CheckinInterval;
                c.CheckinMisfireThreshold = options.CheckinMisfireThreshold;
            });
            // One history for the cluster (which node ran which firing), bounded by Quartz (a day, 2,000 rows).
            store.UseExecutionHistory();
            store.ConfigureStore(o =>
            {
                o.TablePrefix = options.TablePrefix;
                o.MisfireThreshold = options.Interval;
                o.SchemaProvisioning = SchemaProvisioning.Validate;
            });
        });
    }
}
