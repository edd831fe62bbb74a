using Microsoft.Extensions.Options;

namespace GridService.Bot.Channels.WeCom.LongConnection;

/// <summary>Registers the AI bots' long connections.</summary>
public static class LongConnectionRegistration
{
    /// <summary>The connection service, its lease, frame handling, the push dispatcher, photo downloads and ratings.</summary>
    public static IServiceCollection AddWeComLongConnection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LongConnectionOptions>().Bind(configuration.GetSection(LongConnectionOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LongConnectionOptions>, LongConnectionOptionsValidator>();

        // No request logging: a download URL is a credential.
        services.AddHttpClient(PhotoDownloader.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        services.AddSingleton<AiBotLease>();
        services.AddSingleton<AnswerFeedback>();
        services.AddSingleton<PhotoDownloader>();
        services.AddSingleton<FrameIngress>();
        services.AddSingleton<PushDispatcher>();
        services.AddSingleton<LongConnectionService>();
        services.AddHostedService(sp => sp.GetRequiredService<LongConnectionService>());
        return services;
    }
}
