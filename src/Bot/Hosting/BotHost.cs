using GridService.Bot.Channels.Bridge;
using GridService.Bot.Channels.WeCom;
using GridService.Bot.Digest;
using GridService.Bot.Llm;
using GridService.Bot.Pipeline;
using GridService.Bot.StaffConsole;
using GridService.Bot.WorkOrders.Api;
using GridService.Core.Queues;

namespace GridService.Bot.Hosting;

/// <summary>The Bot host's parts: channels, the message pipeline, knowledge, work orders, their endpoints and the staff console.</summary>
public static class BotHost
{
    /// <summary>Default address: loopback, so the unsigned simulator is never exposed by accident.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Registers the Bot's services (the shared ones come from <c>AddGridCore</c>).</summary>
    public static IServiceCollection AddBotHost(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BridgeOptions>().Bind(configuration.GetSection(BridgeOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddQueueWorkerOptions(Inbox.QueueName, configuration.GetSection("Queues:Inbound"));
        services.AddBotPipeline(configuration);
        services.AddLlm(configuration);
        services.AddWeComChannels(configuration);
        services.AddStaffConsole(configuration);
        services.AddSingleton<DigestFeedPublisher>();
        services.AddHostedService(sp => sp.GetRequiredService<DigestFeedPublisher>());
        return services;
    }

    /// <summary>Maps the Bot's endpoints: the bridge and simulator, the work-order API, the WeCom callbacks, the console.</summary>
    public static IEndpointRouteBuilder MapBotHost(this IEndpointRouteBuilder app)
    {
        app.MapBridgeEndpoints();
        app.MapWorkOrderEndpoints();
        app.MapWeComChannels();
        app.MapStaffConsole();
        return app;
    }
}
