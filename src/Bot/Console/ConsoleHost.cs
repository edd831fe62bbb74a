using GridService.Bot.Misses.Overlay;
using GridService.Bot.StaffConsole.Auth;
using GridService.Bot.StaffConsole.Data;
using GridService.Core.Storage;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.Extensions.WebEncoders;
using Microsoft.Extensions.Options;

namespace GridService.Bot.StaffConsole;

/// <summary>
/// The staff console at <c>/console</c>: Razor Pages in Chinese for area managers, supervisors and the service
/// centre, signed in with their roster accounts (cookie, lockout in Redis). Served by the Bot, the operator-facing
/// edge; it reaches Notifier features only through Core (the notices queue, delivery records, templates).
/// </summary>
public static class ConsoleHost
{
    /// <summary>Where the console lives.</summary>
    public const string BasePath = "/console";

    /// <summary>The authorization policy of every page but sign-in.</summary>
    public const string Policy = "console";

    /// <summary>Registers the console, its accounts and the knowledge overlay.</summary>
    public static IServiceCollection AddStaffConsole(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConsoleOptions>().Bind(configuration.GetSection(ConsoleOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ConsoleOptions>, ConsoleOptionsValidator>();
        services.AddSingleton<ConsoleAccounts>();
        services.AddSingleton<ConsoleLockout>();
        services.AddHostedService<AccountSeeder>();

        services.AddSingleton<OverlayProposals>();
        services.AddSingleton<KnowledgeOverlay>();
        services.AddSingleton<IKnowledgeOverlay>(sp => sp.GetRequiredService<KnowledgeOverlay>());
        services.AddHostedService(sp => sp.GetRequiredService<KnowledgeOverlay>());
        services.AddSingleton<OverlayLearning>();
        services.AddHostedService(sp => sp.GetRequiredService<OverlayLearning>());

        services.AddSingleton<OrderQueries>();
        services.AddSingleton<NoticeQueries>();
        services.AddSingleton<DeliveryQueries>();

        // Keys in the store: every Bot instance reads every other's cookies and anti-forgery tokens.
        services.AddDataProtection().SetApplicationName("GridService");
        services.AddSingleton<IConfigureOptions<KeyManagementOptions>>(sp =>
            new ConfigureOptions<KeyManagementOptions>(o => o.XmlRepository = new RedisXmlRepository(sp.GetRequiredService<RedisStore>())));

        services.AddAuthentication().AddCookie(ConsoleUser.Scheme, o =>
        {
            o.LoginPath = BasePath + "/login";
            o.LogoutPath = BasePath + "/logout";
            o.AccessDeniedPath = BasePath + "/login";
            o.Cookie.Name = "gs-console";
            o.Cookie.Path = BasePath;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
        });
        services.AddOptions<CookieAuthenticationOptions>(ConsoleUser.Scheme).Configure<IOptions<ConsoleOptions>, TimeProvider>((cookie, options, time) =>
        {
            cookie.ExpireTimeSpan = options.Value.SessionIdle;
            cookie.TimeProvider = time;
        });
        // Chinese text as it is, not as &#x...; escapes: a third of the bytes on a phone's connection.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAuthorizationBuilder().AddPolicy(Policy, p => p.AddAuthenticationSchemes(ConsoleUser.Scheme).RequireAuthenticatedUser());
        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/Console/Pages";
                o.Conventions.AuthorizeFolder("/", Policy);
                o.Conventions.AllowAnonymousToPage("/Login");
            })
            .ConfigureApplicationPartManager(parts =>
            {
                // The pages are compiled into this assembly; a host started from elsewhere (tests) must be told.
                var assembly = typeof(ConsoleHost).Assembly;
                if (parts.ApplicationParts.Any(p => p.Name == assembly.GetName().Name)) return;
                foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(assembly).GetApplicationParts(assembly)) parts.ApplicationParts.Add(part);
            });
        return services;
    }

    /// <summary>
    /// Serves the console's pages from a pipeline of their own and sends <c>/</c> there. The pages have their own
    /// routing, so Razor Pages builds its endpoints at the first console request rather than at the first request of
    /// any kind: a Bot that only answers chat never pays for them (about 7 MB resident, README "Configuration").
    /// </summary>
    public static IEndpointRouteBuilder MapStaffConsole(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app is not IApplicationBuilder pipeline)
        {
            throw new ArgumentException("The console needs the host's request pipeline (a WebApplication).", nameof(app));
        }

        // A fresh builder, not a branch of the host's: a branch would share the host's routes and build the pages
        // with them. The host has already authenticated the request (WebApplication adds that middleware first).
        var services = app.ServiceProvider;
        var console = new Lazy<RequestDelegate>(() =>
        {
            var pages = new ApplicationBuilder(services);
            pages.UseRouting();
            pages.UseAuthorization();
            pages.UseEndpoints(endpoints => endpoints.MapRazorPages());
            return pages.Build();
        });

        pipeline.MapWhen(c => c.Request.Path.StartsWithSegments(BasePath, StringComparison.OrdinalIgnoreCase), branch =>
        {
            branch.Use(ConsoleMetrics.TimeAsync);
            branch.Run(context => console.Value(context));
        });
        app.MapGet("/", () => Results.Redirect(BasePath)).ExcludeFromDescription();
        return app;
    }
}
