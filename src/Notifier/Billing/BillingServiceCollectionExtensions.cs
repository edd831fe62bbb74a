using GridService.Notifier.Delivery;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Billing;

/// <summary>Registers the billing feature.</summary>
public static class BillingServiceCollectionExtensions
{
    /// <summary>
    /// Options, policy, store, messages, the reminder planner, importers, reconnection, held notices and the
    /// send-time check of billing messages.
    /// </summary>
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
        services.AddSingleton<SupplyImporter>();
        services.AddSingleton<ISendCheck, BillingSendCheck>();
        return services;
    }
}
