using GridService.Core.Security;
using GridService.Core.Grid;

namespace GridService.Notifier.Audiences;

/// <summary><c>GET</c>/<c>PUT /api/preferences/{account}</c>: a customer's opt-out, quiet hours and channel. Behind the admin token.</summary>
public static class PreferenceEndpoints
{
    /// <summary>Maps the preference endpoints.</summary>
    public static IEndpointRouteBuilder MapPreferenceEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/preferences").RequireOperator();
        api.MapGet("/{account}", async (string account, GridDirectory directory, PreferenceStore store) =>
            await directory.GetCustomerAsync(account) is null ? Unknown(account) : Results.Ok(await store.GetAsync(account) ?? new RecipientPreferences()));
        api.MapPut("/{account}", async (string account, RecipientPreferences? body, GridDirectory directory, PreferenceStore store) =>
        {
            if (await directory.GetCustomerAsync(account) is null) return Unknown(account);
            var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
            if (body is null) errors["body"] = ["Expected {\"optedOut\": true|false, \"quietHours\": \"22:00-07:00\"|\"off\"|null, \"channel\": \"sms\"|\"wecom\"|null}."];
            if (body?.QuietHours is { } hours && !QuietHours.TryParse(hours, out _)) errors["quietHours"] = [$"'{hours}' is not HH:mm-HH:mm or 'off'."];
            if (body?.Channel is { } channel && !AudienceOptions.PreferredChannels.Contains(channel.ToLowerInvariant()))
            {
                errors["channel"] = [$"Must be one of {string.Join(", ", AudienceOptions.PreferredChannels)}."];
            }

            if (errors.Count > 0) return Results.ValidationProblem(errors, title: "The preferences are not valid; nothing was changed.");
            await store.SetAsync(account, body!);
            return Results.Ok(body);
        });
        return app;
    }

    private static IResult Unknown(string account) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown customer", detail: $"No customer {Masking.MaskAccount(account)}.");
}
