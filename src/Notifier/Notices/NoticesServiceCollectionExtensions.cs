using Microsoft.Extensions.Options;

namespace GridService.Notifier.Notices;

/// <summary>Registers the notices feature (the worker itself is registered with the Notifier).</summary>
public static class NoticesServiceCollectionExtensions
{
    /// <summary>Options, state, planner, dispatcher, service, validator and API views.</summary>
    public static IServiceCollection AddNotifierNotices(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NoticeOptions>().Bind(configuration.GetSection(NoticeOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NoticeOptions>, NoticeOptionsValidator>();
        services.AddSingleton<NoticeStateStore>();
        services.AddSingleton<NoticePlanner>();
        services.AddSingleton<NoticeDispatcher>();
        services.AddSingleton<NoticeService>();
        services.AddSingleton<NoticeBodyValidator>();
        services.AddSingleton<NoticeViews>();
        return services;
    }
}
