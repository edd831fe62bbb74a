using GridService.Notifier.Delivery.Status;
using GridService.Notifier.Audiences;
using GridService.Notifier.Billing;
using GridService.Notifier.Notices;

namespace GridService.Notifier.Hosting;

/// <summary>The Notifier's HTTP surface for operators.</summary>
public static class NotifierEndpoints
{
    /// <summary>Maps the Notifier's endpoints.</summary>
    public static IEndpointRouteBuilder MapNotifierEndpoints(this IEndpointRouteBuilder app) =>
        app.MapDeliveryEndpoints().MapNoticeEndpoints().MapBillingEndpoints().MapPreferenceEndpoints();
}
