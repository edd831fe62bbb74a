using System.Globalization;
using GridService.Core.Security;

namespace GridService.Notifier.Billing;

/// <summary>The body of the supply records: when it happened (ISO 8601 with an offset); now when left out.</summary>
/// <param name="At">When supply was cut or restored.</param>
/// <param name="By">Who did it (crew, manager); <c>api</c> when left out.</param>
public sealed record SupplyBody(string? At = null, string? By = null);

/// <summary>
/// Billing operations behind the operator guard: held disconnection notices (<c>GET /api/billing/held</c>,
/// <c>POST …/{account}/{period}/release</c> and <c>/drop</c>), the crew's supply records
/// (<c>POST /api/billing/supply/{account}/disconnected</c> and <c>/restored</c>), and billing messages that could not
/// be produced (<c>GET /api/billing/failed</c>, <c>POST /api/billing/failed/redrive</c>).
/// </summary>
public static class BillingEndpoints
{
    /// <summary>Maps the billing endpoints.</summary>
    public static IEndpointRouteBuilder MapBillingEndpoints(this IEndpointRouteBuilder app)
    {
        var held = app.MapGroup("/api/billing/held").RequireOperator();
        held.MapGet("", async (BillingStore billing) => Results.Ok(await billing.HeldAsync()));
        held.MapPost("/{account}/{period}/release", async (string account, string period, HeldNoticeService service) =>
            await service.ReleaseAsync(account, period, "api") switch
            {
                null => NotHeld(account, period),
                true => Results.Ok(new { status = "released" }),
                false => Results.Ok(new { status = "dropped: the bill is paid" }),
            });
        held.MapPost("/{account}/{period}/drop", async (string account, string period, HeldNoticeService service) =>
            await service.DropAsync(account, period, "api") ? Results.Ok(new { status = "dropped" }) : NotHeld(account, period));

        var supply = app.MapGroup("/api/billing/supply").RequireOperator();
        supply.MapGet("", async (BillingStore billing) => Results.Ok(await billing.SupplyCutsAsync()));
        supply.MapPost("/{account}/disconnected", async (string account, SupplyBody? body, ReconnectionService service) =>
        {
            if (!TryTime(body?.At, out var at)) return BadTime();
            var (cut, refusal) = await service.DisconnectedAsync(account, at, body?.By ?? "api");
            return refusal is null ? Results.Ok(cut) : Results.Problem(statusCode: refusal.Status, title: "Not recorded", detail: refusal.Detail);
        });
        supply.MapPost("/{account}/restored", async (string account, SupplyBody? body, ReconnectionService service) =>
        {
            if (!TryTime(body?.At, out var at)) return BadTime();
            var (told, refusal) = await service.RestoredAsync(account, at, body?.By ?? "api");
            return refusal is null
                ? Results.Ok(new { status = told ? "restored; the customer is told" : "restored; the bill is not paid, so no reconnection message" })
                : Results.Problem(statusCode: refusal.Status, title: "Not recorded", detail: refusal.Detail);
        });

        var failed = app.MapGroup("/api/billing/failed").RequireOperator();
        failed.MapGet("", async (BillingStore billing) => Results.Ok(await billing.FailuresAsync()));
        failed.MapPost("/redrive", async (ReminderPlanner planner, BillingStore billing, TimeProvider time) =>
        {
            var queued = await planner.RetryFailuresAsync(time.GetUtcNow());
            return Results.Ok(new { queued, stillFailing = (await billing.FailuresAsync()).Count });
        });
        return app;
    }

    private static bool TryTime(string? text, out DateTimeOffset? at)
    {
        at = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        at = parsed.ToUniversalTime();
        return true;
    }

    private static IResult BadTime() =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad time", detail: "at must be ISO 8601 with an offset, e.g. 2026-12-20T15:30:00+08:00.");

    private static IResult NotHeld(string account, string period) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not held",
            detail: $"No disconnection notice of account {Masking.MaskAccount(account)} for {period} is waiting for a decision.");
}
