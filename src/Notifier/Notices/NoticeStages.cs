using GridService.Core.Notices;
using GridService.Core.Queues;

namespace GridService.Notifier.Notices;

/// <summary>Stage keys and templates of notice posts.</summary>
public static class NoticeStages
{
    /// <summary>
    /// The key a stage is recorded and de-duplicated under: the day-before reminder and amendments carry the revision,
    /// so a notice moved to another day gets its reminder again and every amendment is its own post.
    /// </summary>
    public static string Key(NoticeStage stage, int revision) => stage switch
    {
        NoticeStage.Amended => $"Amended:r{revision}",
        NoticeStage.DayBefore when revision > 0 => $"DayBefore:r{revision}",
        _ => stage.ToString(),
    };

    /// <summary>The template for a notice kind at a stage.</summary>
    public static string TemplateKind(OutageKind kind, NoticeStage stage) => (kind, stage) switch
    {
        (_, NoticeStage.Restored) => "restoration",
        (_, NoticeStage.Amended) => "outage-amended",
        (_, NoticeStage.Cancelled) => "outage-cancelled",
        (OutageKind.Planned, NoticeStage.DayBefore) => "planned-outage-reminder",
        (OutageKind.Planned, _) => "planned-outage",
        (OutageKind.Temporary, _) => "temporary-maintenance",
        (OutageKind.Fault, _) => "fault-outage",
        _ => throw new PermanentFailureException($"No template for {kind} at {stage}."),
    };

    /// <summary>The API's name of a kind.</summary>
    public static string KindName(OutageKind kind) => kind switch
    {
        OutageKind.Planned => "planned-outage",
        OutageKind.Temporary => "temporary-maintenance",
        _ => "fault-outage",
    };

    /// <summary>The kind an API name stands for.</summary>
    public static OutageKind? KindFromName(string? name) => name switch
    {
        "planned-outage" => OutageKind.Planned,
        "temporary-maintenance" => OutageKind.Temporary,
        "fault-outage" => OutageKind.Fault,
        _ => null,
    };
}
