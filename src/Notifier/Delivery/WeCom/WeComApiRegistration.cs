using GridService.Notifier.Delivery.WeCom.Api;
using GridService.Notifier.Delivery.WeCom.Apps;
using GridService.Notifier.Delivery.WeCom.CustomerGroups;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery.WeCom;

/// <summary>Registers the senders that call WeCom's REST API, and the start-up check of private channels.</summary>
public static class WeComApiRegistration
{
    /// <summary>
    /// App messages to staff (<c>wecom-app</c>), 群发 tasks for external customer groups (<c>wecom-customer-group</c>),
    /// their shared access tokens and API client, and <see cref="ChannelCheck"/>. Options are validated at start-up.
    /// </summary>
    public static IServiceCollection AddWeComApiSenders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WeComApiOptions>().Bind(configuration.GetSection(WeComApiOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WeComApiOptions>, WeComApiOptionsValidator>();
        services.AddOptions<AppMessageOptions>().Bind(configuration.GetSection(AppMessageOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AppMessageOptions>, AppMessageOptionsValidator>();
        services.AddOptions<CustomerGroupOptions>().Bind(configuration.GetSection(CustomerGroupOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CustomerGroupOptions>, CustomerGroupOptionsValidator>();
        services.AddSingleton<IValidateOptions<ChannelOptions>, ChannelCheck>();
        services.AddSingleton<WeComAccessTokens>();
        services.AddSingleton<WeComApiClient>();
        services.AddSingleton<AppStates>();
        services.AddSingleton<GroupMessageTasks>();
        services.AddSingleton<ISender, WeComAppSender>();
        services.AddSingleton<ISender, CustomerGroupSender>();
        return services;
    }
}
