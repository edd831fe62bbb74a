using GridService.Core.Notices;
using GridService.Core.Queues;
using GridService.Notifier.Audiences;
using GridService.Notifier.Billing;
using GridService.Notifier.Delivery;
using GridService.Notifier.Delivery.Status;
using GridService.Notifier.Delivery.WeCom;
using GridService.Notifier.Managers;
using GridService.Notifier.Notices;
using GridService.Notifier.Scheduling;

namespace GridService.Notifier.Hosting;

/// <summary>The Notifier host's parts: notices, billing, schedules, audiences and delivery, and their endpoints.</summary>
public static class NotifierHost
{
    /// <summary>Default address of a Notifier on its own.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5081";

    /// <summary>Registers the Notifier's services (the shared ones come from <c>AddGridCore</c>).</summary>
    public static IServiceCollection AddNotifierHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddQueueWorkerOptions(Outbox.QueueName, configuration.GetSection("Queues:Outbound"));
        services.AddQueueWorkerOptions(NoticeRequests.QueueName, configuration.GetSection("Queues:Notices"));
        services.AddDelivery(configuration);
        services.AddWeComAiBotSender();
        services.AddWeComApiSenders(configuration);
        services.AddSingleton<NoticeWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<NoticeWorker>());
        services.AddNotifierAudiences(configuration);
        services.AddNotifierNotices(configuration);
        services.AddNotifierBilling(configuration);
        services.AddNotifierManagers(configuration);
        services.AddNotifierScheduling(configuration);
        services.AddHostedService<HostSettingsPublisher>();
        return services;
    }

    /// <summary>Maps the Notifier's operator endpoints.</summary>
    public static IEndpointRouteBuilder MapNotifierHost(this IEndpointRouteBuilder app) =>
        app.MapDeliveryEndpoints().MapNoticeEndpoints().MapBillingEndpoints().MapPreferenceEndpoints();
}
