using GridService.Bot.StaffConsole.Data;
using GridService.Bot.WorkOrders;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace GridService.Bot.StaffConsole.Pages;

/// <summary>
/// One work order: its details, reporters with their contacts (staff only), timeline and the group messages around
/// the report; accept, progress, transfer, resolve and extend with the same rules and messages as the chat commands
/// (the same <see cref="WorkOrderService"/> calls). Each form carries a one-time id, so a resubmitted form acts once.
/// </summary>
public sealed partial class OrderModel(
    OrderQueries orders, WorkOrderService service, Transcript transcript, IOptions<WorkOrderOptions> options, ILogger<OrderModel> logger) : ConsolePage
{
    private const int TranscriptWindow = 400;

    /// <summary>The order.</summary>
    public WorkOrder Order { get; private set; } = null!;

    /// <summary>The group's messages around the reports, oldest first.</summary>
    public IReadOnlyList<TranscriptEntry> Messages { get; private set; } = [];

    /// <summary>People the order can be transferred to: the managers of the user's areas and the staff of the order's groups, not its owner.</summary>
    public IEnumerable<Staff> People => Scope.Managers().Select(m => m.Manager)
        .Concat(Scope.Groups.Where(g => g.AreaId == Order.AreaId).SelectMany(g => g.ManagerIds).Select(Scope.StaffById).OfType<Staff>())
        .DistinctBy(s => s.Id, StringComparer.Ordinal)
        .Where(s => s.Id != Order.OwnerId);

    /// <summary>Departments an order can be transferred to.</summary>
    public IEnumerable<string> Departments => options.Value.Departments.Keys;

    /// <summary>The form's one-time id.</summary>
    public string Nonce { get; } = NewNonce();

    /// <summary>Now, for the view.</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>Shows the order.</summary>
    public async Task<IActionResult> OnGetAsync(string id)
    {
        if (await orders.GetAsync(Scope, id) is not { } order) return NotFound();
        Order = order;
        At = Now;
        Messages = Around(await transcript.TailAsync(order.GroupId, TranscriptWindow), order);
        return Page();
    }

    /// <summary>接单.</summary>
    public Task<IActionResult> OnPostAcceptAsync(string id) =>
        ActAsync(id, "accept", async (actor, source) =>
            $"已接单 {(await service.AcceptAsync(id, actor, source)).Id}，已告诉提问人有人在处理。");

    /// <summary>进展.</summary>
    public Task<IActionResult> OnPostProgressAsync(string id, string? text) =>
        ActAsync(id, "progress", async (actor, source) =>
            $"已把 {(await service.ProgressAsync(id, actor, text ?? "", source)).Id} 的进展告诉提问人。");

    /// <summary>转派.</summary>
    public Task<IActionResult> OnPostTransferAsync(string id, string? to, string? note) =>
        ActAsync(id, "transfer", async (actor, source) =>
        {
            if (string.IsNullOrWhiteSpace(to)) throw WorkOrderException.BadInput("请选择转派给谁。");
            var order = await service.TransferAsync(id, actor, to, note, source);
            return $"已把 {order.Id} 转派给{order.OwnerName}，已通知对方接单。";
        });

    /// <summary>办结.</summary>
    public Task<IActionResult> OnPostResolveAsync(string id, string? result) =>
        ActAsync(id, "resolve", async (actor, source) =>
        {
            var order = await service.ResolveAsync(id, actor, result ?? "", source);
            return $"已办结 {order.Id}，处理结果已回复{order.DistinctAskers.Count()}位提问人，并请他们评价。";
        });

    /// <summary>延期.</summary>
    public Task<IActionResult> OnPostDelayAsync(string id, string? reason) =>
        ActAsync(id, "delay", async (actor, source) =>
        {
            var order = await service.DelayAsync(id, actor, reason ?? "", source);
            return $"已延期 {order.Id}，新时限{WorkOrderText.Time(order.Deadline, order.TimeZone)}，已告诉提问人原因。";
        });

    private async Task<IActionResult> ActAsync(string id, string action, Func<Staff, string, Task<string>> run)
    {
        var url = $"{ConsoleHost.BasePath}/orders/{Uri.EscapeDataString(id)}";
        if (await orders.GetAsync(Scope, id) is null) return NotFound();
        if (Scope.StaffById(Scope.User.Id) is not { } actor) return Failed("您不在员工名册里，不能处理工单。", url);
        var nonce = Request.Form["nonce"].ToString();
        var source = "console:" + (nonce.Length is > 0 and <= 64 ? nonce : NewNonce());
        try
        {
            var message = await run(actor, source);
            Log.Acted(logger, id, action, actor.Id);
            return Done(message, url);
        }
        catch (WorkOrderException ex)
        {
            return Failed(ex.Message, url);
        }
    }

    // The reports and a few lines either side: what the residents said before, and what the bot answered.
    private static List<TranscriptEntry> Around(IReadOnlyList<TranscriptEntry> lines, WorkOrder order)
    {
        var ids = order.Askers.Select(a => a.MessageId).ToHashSet(StringComparer.Ordinal);
        var hits = lines.Select((l, i) => (l, i)).Where(x => ids.Contains(x.l.MessageId) || (x.l.ReplyTo is { } r && ids.Contains(r))).Select(x => x.i).ToList();
        if (hits.Count == 0) return [];
        var from = Math.Max(0, hits[0] - 3);
        var to = Math.Min(lines.Count - 1, hits[^1] + 3);
        return [.. lines.Skip(from).Take(to - from + 1)];
    }

    /// <summary>True when the line is one of the order's reports.</summary>
    public bool IsReport(TranscriptEntry line) => Order.Askers.Any(a => a.MessageId == line.MessageId);

    private static partial class Log
    {
        [LoggerMessage(EventIds.Console + 10, LogLevel.Information, "Console: work order {OrderId} {Action} by {StaffId}")]
        public static partial void Acted(ILogger logger, string orderId, string action, string staffId);
    }
}
