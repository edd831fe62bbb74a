using GridService.Notifier.Delivery;
using GridService.Core.Chat;
using GridService.Core.Queues;
using GridService.Core.Notices;
using GridService.Notifier.Audiences;
using GridService.Notifier.Billing;
using GridService.Notifier.Notices;
using GridService.Notifier.Scheduling;

namespace GridService.Notifier.Hosting;

/// <summary>Registers the notification host's parts.</summary>
public static class NotifierServiceCollectionExtensions
{
    /// <summary>Senders, the delivery worker and the notice pipeline.</summary>
    public static IServiceCollection AddNotifier(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<QueueWorkerOptions>(Outbox.QueueName, configuration.GetSection("Queues:Outbound"));
        services.Configure<QueueWorkerOptions>(NoticeRequests.QueueName, configuration.GetSection("Queues:Notices"));
        services.AddNotifierTemplates(configuration["Templates:Directory"]);
        services.AddDelivery(configuration);
        services.AddWeComAiBotSender();
        services.AddHostedService<NoticeWorker>();
        services.AddNotifierAudiences(configuration);
        services.AddNotifierNotices(configuration);
        services.AddNotifierBilling(configuration);
        services.AddNotifierScheduling(configuration);
        return services;
    }
}
