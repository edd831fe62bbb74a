using GridService.Bot.WorkOrders.Calendar;
using GridService.Bot.WorkOrders.Limits;
using GridService.Bot.WorkOrders.Sla;
using GridService.Core.Queues;
using Microsoft.Extensions.Options;
using Quartz;

namespace GridService.Bot.WorkOrders;

/// <summary>Registers work orders: store, deadlines, intake, operations, the SLA watchdog and its worker.</summary>
public static class WorkOrdersServiceCollectionExtensions
{
    /// <summary>The Quartz scheduler the watchdog runs in (its own, so other schedules are not affected).</summary>
    public const string SchedulerName = "workorders";

    /// <summary>Adds everything.</summary>
    public static IServiceCollection AddWorkOrders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WorkOrderOptions>().Bind(configuration.GetSection(WorkOrderOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkOrderOptions>, WorkOrderOptionsValidator>();
        services.AddOptions<WorkingCalendarOptions>().Bind(configuration.GetSection(WorkingCalendarOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WorkingCalendarOptions>, WorkingCalendarOptionsValidator>();
        services.AddQueueWorkerOptions(SlaQueue.QueueName, configuration.GetSection("Queues:WorkOrderSla"));

        services.AddSingleton(sp => WorkingCalendar.From(sp.GetRequiredService<IOptions<WorkingCalendarOptions>>().Value));
        services.AddSingleton<SlaPolicy>();
        services.AddSingleton<WorkOrderStore>();
        services.AddOptions<EscalationLimitOptions>().Bind(configuration.GetSection(EscalationLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EscalationLimits>();
        services.AddSingleton<WorkOrderMessages>();
        services.AddSingleton<Attachments.AttachmentStore>();
        services.AddSingleton<Attachments.PhotoIntake>();
        services.AddSingleton<WorkOrderIntake>();
        services.AddSingleton<WorkOrderService>();
        services.AddSingleton<SlaQueue>();
        services.AddSingleton<SlaWatchdog>();
        services.AddHostedService<SlaWorker>();

        var interval = configuration.GetSection(WorkOrderOptions.Section).GetValue(nameof(WorkOrderOptions.WatchdogInterval), new WorkOrderOptions().WatchdogInterval);
        services.AddQuartz(SchedulerName, q => q.ScheduleJob<SlaWatchdogJob>(
            trigger => trigger.WithIdentity("sla-watchdog-trigger", "workorders").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(interval < TimeSpan.FromMilliseconds(100) ? TimeSpan.FromMilliseconds(100) : interval).RepeatForever()),
            job => job.WithIdentity(SlaWatchdogJob.Key)));
        services.AddQuartzHostedService(SchedulerName, o => o.WaitForJobsToComplete = true);
        return services;
    }
}
