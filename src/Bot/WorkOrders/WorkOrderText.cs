using GridService.Core.Templates;

namespace GridService.Bot.WorkOrders;

/// <summary>How orders read in plain bot lines (command replies, staff messages).</summary>
public static class WorkOrderText
{
    /// <summary><c>11月23日(周一) 12:45</c> in the order's time zone, as the templates show times.</summary>
    public static string Time(DateTimeOffset at, string timeZone) => TemplateFunctions.FormatTime(Zones.Local(at, timeZone));

    /// <summary>
    /// A deadline as people mean it (<c>12月11日(周五) 24:00</c> rather than <c>12月12日(周六) 00:00</c>), as the
    /// templates' <c>format_deadline</c> shows it.
    /// </summary>
    public static string Deadline(DateTimeOffset at, string timeZone) => TemplateFunctions.FormatDeadline(Zones.Local(at, timeZone));

    /// <summary>
    /// A short summary of what was reported, for lists: numbers masked and the asker's name hidden, because a list
    /// may be posted in a group.
    /// </summary>
    public static string Summary(WorkOrder order, int max = 24)
    {
        ArgumentNullException.ThrowIfNull(order);
        var asker = order.FirstAsker;
        var text = Masking.MaskText(asker.Text, asker.Name);
        return text.Length <= max ? text : text[..max] + "…";
    }

    /// <summary>
    /// The arrival commitment as said on a page: <c>45分钟（城区）</c>, <c>90分钟（农村）</c>, <c>2小时（偏远地区）</c>
    /// (domain-facts.md: 国家电网 service commitments; configured per area kind under <c>WorkOrders:Repair</c>).
    /// </summary>
    public static string Commitment(TimeSpan within, AreaKind kind)
    {
        var span = within.TotalMinutes % 60 == 0 && within.TotalHours >= 2
            ? $"{within.TotalHours:0}小时"
            : $"{within.TotalMinutes:0}分钟";
        var where = kind switch { AreaKind.Urban => "城区", AreaKind.Rural => "农村", _ => "偏远地区" };
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{span}（{where}）");
    }

    /// <summary>One line of a list: number, type, priority, status, owner, deadline, summary.</summary>
    public static string ListLine(WorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var urgent = order.Priority == WorkOrderPriority.Urgent ? "【紧急】" : "";
        var overdue = order.Overdue ? "（已超时）" : "";
        var reporters = order.DistinctAskers.Count() > 1 ? $"，{order.DistinctAskers.Count()}人反映" : "";
        return $"{urgent}{order.Id} {WorkOrder.TypeName(order.Type)} {WorkOrder.StatusName(order.Status)}{overdue} " +
               $"{order.OwnerName} 时限{Deadline(order.Deadline, order.TimeZone)}{reporters}：{Summary(order)}";
    }
}
