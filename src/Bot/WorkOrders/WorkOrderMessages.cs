using GridService.Core.Grid;
using GridService.Core.Templates;
using Microsoft.Extensions.Options;

namespace GridService.Bot.WorkOrders;

/// <summary>
/// Everything the work-order loop says. Posts to askers and the manager's page are rendered from the
/// <c>workorder-*</c> templates (reviewed wording, masking checked at start-up); short operational lines to staff,
/// for which no template exists, are plain text. All go through the outbox with ids derived from the order and the
/// event, so a retried step never posts twice.
/// </summary>
public sealed class WorkOrderMessages(
    TemplateRenderer renderer, GridDirectory directory, Outbox outbox, PrivateRoutes routes, IOptions<WorkOrderOptions> options, TimeProvider time)
{
    /// <summary>The reply to a reporter: the order number and its deadline (template <c>workorder-created</c>).</summary>
    public async Task<string> CreatedReplyAsync(WorkOrder order, Asker asker) =>
        renderer.Render("workorder-created", await ModelAsync(order, asker));

    /// <summary>Pages the owner once per order and owner (template <c>workorder-manager-alert</c>).</summary>
    public async Task PageOwnerAsync(WorkOrder order, string tag, bool critical)
    {
        ArgumentNullException.ThrowIfNull(order);
        var recipient = await RecipientOfAsync(order);
        if (recipient is null) return;
        var text = renderer.Render("workorder-manager-alert", await ModelAsync(order, order.FirstAsker));
        await ToStaffAsync(recipient, $"wo-{order.Id}-{tag}-{recipient}", text, "workorder-manager-alert", critical);
    }

    /// <summary>
    /// Posts a template once in the group for an event of the order, addressed to every reporter the bot can reach there
    /// (names masked) and quoting the first of their reports: three reporters hear about one event in one post. A
    /// reporter the bot cannot reach (a resident a manager reported for, anyone in an external customer group) is told
    /// through that manager, privately, once per event.
    /// </summary>
    public async Task PostToAskersAsync(WorkOrder order, string kind, string tag, Func<WorkOrderModel, WorkOrderModel> fill)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(fill);
        var group = await directory.GetGroupAsync(order.GroupId);
        if (group is null) return;
        var inGroup = new List<Asker>();
        var relays = new Dictionary<string, List<Asker>>(StringComparer.Ordinal);
        var groupManager = group.Channel == ChannelNames.WeComCustomerGroup && group.ManagerIds.Count > 0 ? group.ManagerIds[0] : null;
        foreach (var asker in order.DistinctAskers)
        {
            if ((asker.RelayVia ?? groupManager) is { } relay)
            {
                if (!relays.TryGetValue(relay, out var list)) relays[relay] = list = [];
                list.Add(asker);
            }
            else
            {
                inGroup.Add(asker);
            }
        }

        if (inGroup.Count > 0)
        {
            var model = fill(await ModelAsync(order, inGroup[0])) with { AskerNames = [.. inGroup.Select(a => a.Name)] };
            await outbox.EnqueueAsync(new OutboundMessage($"wo-{order.Id}-{tag}", group.Channel, group.Id, null, renderer.Render(kind, model), kind,
                inGroup[0].MessageId, Critical: false, time.GetUtcNow()));
        }

        foreach (var (relay, askers) in relays)
        {
            var model = fill(await ModelAsync(order, askers[0])) with { AskerNames = [.. askers.Select(a => a.Name)] };
            var names = string.Join("、", askers.Select(a => a.Name));
            await ToStaffAsync(relay, $"wo-{order.Id}-{tag}-{relay}", $"【请转告{names}】\n{renderer.Render(kind, model)}", kind);
        }
    }

    /// <summary>A plain line to a member of staff (private, over the staff channel).</summary>
    public Task ToStaffAsync(string staffId, string id, string text, string kind, bool critical = false) =>
        outbox.EnqueueAsync(new OutboundMessage(id, routes.ToStaff(), "", staffId, text, kind, null, critical, time.GetUtcNow()));

    /// <summary>Who is paged for the order: its owner, or for a department the department's contact or the supervisor.</summary>
    public async Task<string?> RecipientOfAsync(WorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (await directory.GetStaffAsync(order.OwnerId) is not null) return order.OwnerId;
        if (options.Value.Departments.TryGetValue(order.OwnerId, out var contact) && contact.Length > 0) return contact;
        return (await directory.GetAreaAsync(order.AreaId))?.SupervisorId;
    }

    /// <summary>The template model of an order as one asker sees it.</summary>
    public async Task<WorkOrderModel> ModelAsync(WorkOrder order, Asker asker)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(asker);
        var area = await directory.GetAreaAsync(order.AreaId);
        var manager = area is null ? null : await directory.GetStaffAsync(area.ManagerId);
        var group = await directory.GetGroupAsync(order.GroupId);
        return new WorkOrderModel
        {
            TimeZoneId = order.TimeZone,
            AreaName = area?.Name ?? order.AreaId,
            ManagerName = manager?.Name ?? order.OwnerName,
            ManagerPhone = manager?.Phone ?? "95598",
            OrderNo = order.Id,
            TypeName = WorkOrder.TypeName(order.Type),
            Question = asker.Text,
            AskerName = asker.Name,
            AskerNames = [.. order.DistinctAskers.Select(a => a.Name)],
            ContactPhone = asker.Phone,
            AccountNo = asker.AccountNo,
            CreatedAt = order.CreatedAt,
            Deadline = order.Deadline,
            Status = WorkOrder.StatusName(order.Status),
            Progress = order.Progress,
            Resolution = order.Resolution,
            DelayReason = order.DelayReason,
            HandlerName = order.OwnerName,
            GroupName = group?.Name,
            Urgent = order.Priority == WorkOrderPriority.Urgent,
            Place = order.Place,
            ArriveWithin = order.RespondBy is { } by ? WorkOrderText.Commitment(by - order.CreatedAt, order.AreaKind) : null,
            ArriveBy = order.RespondBy,
            ReporterId = asker.UserId,
        };
    }

    /// <summary>The staff member's display name, or the id when unknown.</summary>
    public async Task<string> NameOfAsync(string staffId) => (await directory.GetStaffAsync(staffId))?.Name ?? staffId;

    /// <summary>The area of an order.</summary>
    public Task<Area?> AreaOfAsync(WorkOrder order) => directory.GetAreaAsync(order.AreaId);
}
