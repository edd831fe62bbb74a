using GridService.Core.Security;

namespace GridService.Notifier.Billing;

/// <summary>
/// Held disconnection notices for a person to decide: <c>GET /api/billing/held</c>,
/// <c>POST /api/billing/held/{account}/{period}/release</c> and <c>/drop</c>. Behind the admin token.
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
        return app;
    }

    private static IResult NotHeld(string account, string period) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not held",
            detail: $"No disconnection notice of account {Masking.MaskAccount(account)} for {period} is waiting for a decision.");
}
