using Microsoft.Extensions.Options;

namespace GridService.Notifier.Audiences;

/// <summary>Registers audiences and preferences.</summary>
public static class AudiencesServiceCollectionExtensions
{
    /// <summary>Options, preferences, delivery rules and the audience resolver.</summary>
    public static IServiceCollection AddNotifierAudiences(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AudienceOptions>().Bind(configuration.GetSection(AudienceOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AudienceOptions>, AudienceOptionsValidator>();
        services.AddSingleton<PreferenceStore>();
        services.AddSingleton<DeliveryRules>();
        services.AddSingleton<AudienceResolver>();
        return services;
    }
}
