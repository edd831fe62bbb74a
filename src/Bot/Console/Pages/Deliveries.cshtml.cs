using GridService.Bot.StaffConsole.Data;
using GridService.Core.Queues;
using Microsoft.AspNetCore.Mvc;

namespace GridService.Bot.StaffConsole.Pages;

/// <summary>Deliveries that failed or still wait, the outbound queue, and (service centre) re-driving dead letters.</summary>
public sealed class DeliveriesModel(DeliveryQueries deliveries) : ConsolePage
{
    /// <summary>Records that failed or wait, newest first.</summary>
    public IReadOnlyList<DeliveryRecord> Records { get; private set; } = [];

    /// <summary>The outbound queue's counts.</summary>
    public QueueCounts Queue { get; private set; } = new(0, 0, 0, 0);

    /// <summary>Lists.</summary>
    public async Task OnGetAsync()
    {
        var records = deliveries.PendingOrFailedAsync(Scope);
        Queue = await deliveries.QueueAsync();
        Records = await records;
    }

    /// <summary>Moves every dead letter back to the queue (the service centre only: it touches every area).</summary>
    public async Task<IActionResult> OnPostRedriveAsync()
    {
        if (!Scope.IsCentre) return Forbidden();
        var moved = await deliveries.RedriveAsync(Scope.User.Id);
        return Done(moved == 0 ? "没有失败的投递需要重发。" : $"已把{moved}条失败的投递重新排队发送。");
    }
}
