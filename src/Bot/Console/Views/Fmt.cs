using System.Globalization;
using GridService.Bot.WorkOrders;

namespace GridService.Bot.StaffConsole;

/// <summary>How the console writes times, states and numbers (zh-CN, in the area's zone).</summary>
public static class Fmt
{
    /// <summary><c>11-23 14:05</c>: month, day and time in the zone.</summary>
    public static string Brief(DateTimeOffset at, string? zone = null) =>
        Zones.Local(at, zone ?? Zones.Default).ToString("MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary><c>2026-11-23 14:05</c>.</summary>
    public static string Full(DateTimeOffset at, string? zone = null) =>
        Zones.Local(at, zone ?? Zones.Default).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>The value of a <c>datetime-local</c> input.</summary>
    public static string Input(DateTimeOffset at, string? zone = null) =>
        Zones.Local(at, zone ?? Zones.Default).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture);

    /// <summary>A <c>datetime-local</c> value in the area's zone, or null.</summary>
    public static DateTimeOffset? ParseInput(string? value, string? zone)
    {
        if (string.IsNullOrWhiteSpace(value)) return null;
        return DateTime.TryParseExact(value, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            ? Zones.ToUtc(local, Zones.Find(zone))
            : null;
    }

    /// <summary>"3小时后" / "2天前".</summary>
    public static string Relative(DateTimeOffset at, DateTimeOffset now)
    {
        var span = at - now;
        var future = span > TimeSpan.Zero;
        var a = span.Duration();
        var text = a.TotalMinutes < 1 ? "不到1分钟"
            : a.TotalHours < 1 ? $"{(int)a.TotalMinutes}分钟"
            : a.TotalDays < 1 ? $"{(int)a.TotalHours}小时"
            : $"{(int)a.TotalDays}天";
        return future ? text + "后" : text + "前";
    }

    /// <summary>The CSS class of an order's status badge.</summary>
    public static string StatusClass(WorkOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Overdue && order.IsOpenWork ? "bad" : order.Status switch
        {
            WorkOrderStatus.Open or WorkOrderStatus.Transferred => "warn",
            WorkOrderStatus.Accepted => "info",
            WorkOrderStatus.Resolved => "ok",
            _ => "muted",
        };
    }

    /// <summary>Delivery states as people say them.</summary>
    public static string DeliveryName(DeliveryState state) => state switch
    {
        DeliveryState.Queued => "排队中",
        DeliveryState.Deferred => "等待发送",
        DeliveryState.Retrying => "重试中",
        DeliveryState.Sent => "已送达",
        DeliveryState.Dead => "失败",
        _ => "未发送",
    };

    /// <summary>The CSS class of a delivery state.</summary>
    public static string DeliveryClass(DeliveryState state) => state switch
    {
        DeliveryState.Sent => "ok",
        DeliveryState.Dead => "bad",
        DeliveryState.Retrying or DeliveryState.Deferred => "warn",
        _ => "muted",
    };

    /// <summary>Outage kinds as people say them.</summary>
    public static string KindName(OutageKind kind) => kind switch
    {
        OutageKind.Planned => "计划停电",
        OutageKind.Temporary => "临时检修",
        _ => "故障停电",
    };

    /// <summary>Where a notice stands at <paramref name="now"/>.</summary>
    public static (string Text, string Css) NoticeState(OutageNotice notice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return notice switch
        {
            { Cancelled: true } => ("已取消", "muted"),
            { RestoredAt: not null } => ("已恢复送电", "ok"),
            _ when notice.Start > now => ("待停电", "info"),
            _ when notice.End > now => ("停电中", "bad"),
            _ => ("已结束", "muted"),
        };
    }

    /// <summary>A percentage, or a dash.</summary>
    public static string Percent(double? value) => value is { } v ? v.ToString("0%", CultureInfo.InvariantCulture) : "—";

    /// <summary>
    /// A small inline SVG line of <paramref name="values"/> (a trend reads better than a number), scaled to
    /// <paramref name="max"/> or the largest value.
    /// </summary>
    public static string Sparkline(IReadOnlyList<double> values, double? max = null, int width = 120, int height = 28)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0) return "";
        var top = max ?? Math.Max(values.Max(), 1);
        var step = values.Count == 1 ? 0 : (double)(width - 4) / (values.Count - 1);
        var points = string.Join(' ', values.Select((v, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{2 + i * step:0.#},{height - 2 - (top == 0 ? 0 : v / top * (height - 4)):0.#}")));
        return $"""<svg class="spark" viewBox="0 0 {width} {height}" width="{width}" height="{height}" aria-hidden="true"><polyline fill="none" stroke="currentColor" stroke-width="2" points="{points}"/></svg>""";
    }
}
