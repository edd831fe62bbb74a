using GridService.Bot.Channels.WeCom.LongConnection;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Channels.WeCom;

/// <summary>Registers and maps the WeCom AI-bot and app callbacks.</summary>
public static class WeComServiceCollectionExtensions
{
    /// <summary>Binds <see cref="WeComOptions"/> (validated at start: a bad key stops start-up naming its setting) and the ingresses.</summary>
    public static IServiceCollection AddWeComChannels(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WeComOptions>().Bind(configuration.GetSection(WeComOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<WeComOptions>, WeComOptionsValidator>();
        services.AddSingleton<WeComChannels>();
        services.AddSingleton<WeComAiBotIngress>();
        services.AddSingleton<WeComAppIngress>();
        services.AddWeComLongConnection(configuration);
        return services;
    }

    /// <summary>Maps GET (URL check) and POST (callbacks) of <c>/wecom/aibot/{name}</c> and <c>/wecom/app/{name}</c>.</summary>
    public static IEndpointRouteBuilder MapWeComChannels(this IEndpointRouteBuilder app)
    {
        app.MapGet("/wecom/aibot/{name}", (string name, HttpRequest request, WeComAiBotIngress ingress) => ingress.Verify(name, request));
        app.MapPost("/wecom/aibot/{name}", (string name, HttpRequest request, WeComAiBotIngress ingress) => ingress.ReceiveAsync(name, request));
        app.MapGet("/wecom/app/{name}", (string name, HttpRequest request, WeComAppIngress ingress) => ingress.Verify(name, request));
        app.MapPost("/wecom/app/{name}", (string name, HttpRequest request, WeComAppIngress ingress) => ingress.ReceiveAsync(name, request));
        return app;
    }
}
