using System.Diagnostics.Metrics;

namespace GridService.Core.Notices;

/// <summary>Notice requests queued, by stage (meter <c>GridService.Notices</c>).</summary>
public static class NoticeMetrics
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "GridService.Notices";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Requests = Meter.CreateCounter<long>(
        "gridservice.notice.requests", "{request}", "Notice requests queued (publish, announce, day-before, amend, cancel, restore...).");

    /// <summary>Counts one request newly queued.</summary>
    public static void Requested(NoticeStage stage) =>
        Requests.Add(1, new KeyValuePair<string, object?>("stage", StageName(stage)));

    private static string StageName(NoticeStage stage) => stage switch
    {
        NoticeStage.Announce => "announce",
        NoticeStage.DayBefore => "day-before",
        NoticeStage.Restored => "restored",
        NoticeStage.Amended => "amended",
        NoticeStage.Cancelled => "cancelled",
        NoticeStage.Publish => "publish",
        NoticeStage.Amend => "amend",
        NoticeStage.Cancel => "cancel",
        _ => "restore",
    };
}
