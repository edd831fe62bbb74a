using Microsoft.Extensions.Options;

namespace GridService.Notifier.Managers;

/// <summary>Registers what managers and operators are told: alerts and the daily digest.</summary>
public static class ManagersServiceCollectionExtensions
{
    /// <summary>Options, alerts and the digest (its job is registered with the schedules).</summary>
    public static IServiceCollection AddNotifierManagers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AlertOptions>().Bind(configuration.GetSection(AlertOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AlertOptions>, AlertOptionsValidator>();
        services.AddSingleton<ManagerAlerts>();
        services.AddSingleton<Delivery.IDeliveryAlerts>(sp => sp.GetRequiredService<ManagerAlerts>());
        services.AddSingleton<ManagerDigest>();
        return services;
    }
}
