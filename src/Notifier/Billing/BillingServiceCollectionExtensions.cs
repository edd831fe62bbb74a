using Microsoft.Extensions.Options;

namespace GridService.Notifier.Billing;

/// <summary>Registers the billing feature.</summary>
public static class BillingServiceCollectionExtensions
{
    /// <summary>Options, policy, store, messages, the reminder planner, importers, reconnection and held notices.</summary>
    public static IServiceCollection AddNotifierBilling(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BillingOptions>().Bind(configuration.GetSection(BillingOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<BillingOptions>, BillingOptionsValidator>();
        services.AddSingleton<BillingPolicy>();
        services.AddSingleton<BillingStore>();
        services.AddSingleton<BillingMessages>();
        services.AddSingleton<ReminderPlanner>();
        services.AddSingleton<ReconnectionService>();
        services.AddSingleton<HeldNoticeService>();
        services.AddSingleton<BillImporter>();
        services.AddSingleton<PaymentImporter>();
        return services;
    }
}
