using GridService.Notifier.Delivery;
using GridService.Notifier.Delivery.Status;
using GridService.Notifier.Delivery.WeCom;
using GridService.Notifier.Delivery.Webhooks;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers delivery: senders, their pipelines and rate limiter, the worker and the status API.</summary>
public static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Senders for <c>simulator</c>, <c>wecom-robot</c>, <c>bridge</c> and <c>sms</c>, the outbound
    /// <see cref="DeliveryWorker"/>, and everything they share. Options are validated at start-up.
    /// </summary>
    public static IServiceCollection AddDelivery(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DeliveryOptions>().Bind(configuration.GetSection(DeliveryOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();
        services.AddOptions<WeComRobotOptions>().Bind(configuration.GetSection(WeComRobotOptions.Section))
            .Configure(o => configuration.GetSection(WeComRobotOptions.RobotsSection).Bind(o.Robots)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WeComRobotOptions>, WeComRobotOptionsValidator>();
        AddWebhookTarget(services, configuration, SignedWebhookSender.Bridge, "Bridge:OutboundUrl", "Bridge:Secret");
        AddWebhookTarget(services, configuration, SignedWebhookSender.Sms, "Sms:Url", "Sms:Secret");

        // No client-level timeout or logging: Polly times each attempt, and robot URLs carry their key.
        services.AddHttpClient(HttpOutcome.ClientName, c =>
            {
                c.Timeout = Timeout.InfiniteTimeSpan;
                c.MaxResponseContentBufferSize = HttpOutcome.MaxResponseBytes;
            })
            .RemoveAllLoggers();

        services.AddSingleton<SendPipelines>();
        services.AddSingleton<RedisRateLimiter>();
        services.AddSingleton<SentMarkers>();
        services.AddSingleton<SendChecks>();
        services.TryAddSingleton<IDeliveryAlerts, NoDeliveryAlerts>();
        services.AddSingleton<RobotStates>();
        services.AddSingleton<RobotAlerts>();
        services.AddSingleton(sp => sp.GetRequiredService<Outbox>().Statuses);
        services.AddSingleton<IDeliveryAdmin, DeliveryAdmin>();

        services.AddSingleton<ISender, SimulatorSender>();
        services.AddSingleton<ISender, WeComRobotSender>();
        services.AddSingleton<ISender>(sp => WebhookSender(sp, SignedWebhookSender.Bridge, "Bridge:OutboundUrl"));
        services.AddSingleton<ISender>(sp => WebhookSender(sp, SignedWebhookSender.Sms, "Sms:Url"));
        services.AddHostedService<DeliveryWorker>();
        return services;
    }

    private static SignedWebhookSender WebhookSender(IServiceProvider sp, string channel, string urlSetting) =>
        ActivatorUtilities.CreateInstance<SignedWebhookSender>(sp, channel, urlSetting);

    private static void AddWebhookTarget(IServiceCollection services, IConfiguration configuration, string channel, string urlKey, string secretKey) =>
        services.AddOptions<WebhookTarget>(channel)
            .Configure(o =>
            {
                o.Url = configuration[urlKey] ?? "";
                o.Secret = configuration[secretKey] ?? "";
            })
            .Validate(o => o.Url.Length == 0 || (Uri.TryCreate(o.Url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"),
                $"{urlKey} must be an absolute http(s) URL.")
            .Validate(o => o.Url.Length == 0 || o.Secret.Length > 0,
                $"{secretKey} is required when {urlKey} is set: the gateway verifies X-GridService-Signature with it.")
            .ValidateOnStart();
}
