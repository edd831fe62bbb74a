using GridService.Bot.Channels.WeCom;
using GridService.Bot.Chat;
using GridService.Bot.Llm;
using GridService.Bot.Pipeline;
using GridService.Bot.WorkOrders.Api;
using GridService.Core.Chat;
using GridService.Core.Hosting;
using GridService.Core.Queues;
using GridService.Notifier.Hosting;

namespace GridService.Bot.Hosting;

/// <summary>Composes the process: the Bot, the Notifier, or both (all-in-one).</summary>
public static class GridServiceHost
{
    /// <summary>Default address: loopback, so the unsigned simulator is never exposed by accident.</summary>
    public const string DefaultUrl = "http://127.0.0.1:5080";

    /// <summary>Registers the services of the configured role.</summary>
    public static WebApplicationBuilder AddGridService(this WebApplicationBuilder builder)
    {
        var role = HostRoles.From(builder.Configuration);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddGridCore(builder.Configuration);
        builder.Services.AddProblemDetails();
        if (role is HostRole.All or HostRole.Bot) builder.Services.AddBot(builder.Configuration);
        if (role is HostRole.All or HostRole.Notifier) builder.Services.AddNotifier(builder.Configuration);
        return builder;
    }

    /// <summary>Maps the endpoints of the configured role.</summary>
    public static WebApplication MapGridService(this WebApplication app)
    {
        var role = HostRoles.From(app.Configuration);
        app.MapHealthEndpoints();
        if (role is HostRole.All or HostRole.Bot) app.MapChatEndpoints();
        if (role is HostRole.All or HostRole.Bot) app.MapWorkOrderEndpoints();
        if (role is HostRole.All or HostRole.Bot) app.MapWeComChannels();
        if (role is HostRole.All or HostRole.Notifier) app.MapNotifierEndpoints();
        return app;
    }

    /// <summary>The Bot role's services.</summary>
    public static IServiceCollection AddBot(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BridgeOptions>().Bind(configuration.GetSection(BridgeOptions.Section));
        services.Configure<QueueWorkerOptions>(Inbox.QueueName, configuration.GetSection("Queues:Inbound"));
        services.AddBotPipeline(configuration);
        services.AddLlm(configuration);
        services.AddWeComChannels(configuration);
        return services;
    }
}
