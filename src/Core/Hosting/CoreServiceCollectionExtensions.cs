using GridService.Core.Chat;
using GridService.Core.Security;
using GridService.Core.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GridService.Core.Hosting;

/// <summary>Registers what both hosts share.</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// The store (Redis by <c>ConnectionStrings:Redis</c>, or embedded Garnet when empty), the inbound and outbound
    /// queues, the transcript, the directory, the templates, private routes and <see cref="TimeProvider.System"/>
    /// unless one is registered already.
    /// </summary>
    public static IServiceCollection AddGridCore(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StoreOptions>().Bind(configuration.GetSection(StoreOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
            var logger = sp.GetRequiredService<ILoggerFactory>().CreateLogger("GridService.Store");
            // Start-up only: the host cannot do anything useful before its store is there.
            return RedisStore.OpenAsync(configuration.GetConnectionString("Redis"), options, logger).GetAwaiter().GetResult();
        });
        services.AddSingleton<StoreHealth>();
        services.AddOptions<ChannelOptions>().Bind(configuration.GetSection(ChannelOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChannelOptions>, ChannelOptionsValidator>();
        services.AddSingleton<PrivateRoutes>();
        services.AddSingleton(new AiBotRouting(configuration));
        services.AddSingleton<AiBotPushes>();
        services.AddOperatorGuard(configuration);
        services.AddSingleton<ReplyAddresses>();
        services.AddSingleton<Grid.GroupSettings>();
        services.AddTemplates(configuration["Templates:Directory"]);
        services.AddSingleton<Transcript>();
        services.AddOptions<TranscriptOptions>().Bind(configuration.GetSection(TranscriptOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<TranscriptTrimmer>();
        services.AddSingleton<Inbox>();
        services.AddSingleton<Outbox>();
        services.AddSingleton<Notices.NoticeRequests>();
        services.AddSingleton<Grid.GridDirectory>();
        services.AddSingleton<HostSettings>();
        services.AddSingleton<Digest.DigestFeed>();
        services.AddSingleton<Billing.DisconnectionReceipts>();
        services.AddHostedService<SampleSeeder>();
        return services;
    }
}
