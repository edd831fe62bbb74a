namespace GridService.Notifier.Notices;

/// <summary>
/// What the Notifier keeps about a notice beyond the shared <see cref="Core.Domain.OutageNotice"/>: the lines and
/// transformers it targets, its amendment history and who created it.
/// </summary>
/// <param name="Lines">Feeder lines whose customers are told privately (as well as the groups).</param>
/// <param name="Transformers">Transformer areas (台区) whose customers are told privately.</param>
/// <param name="Revision">0 as first published; each amendment adds one.</param>
/// <param name="PreviousStart">The start before the latest amendment.</param>
/// <param name="PreviousEnd">The end before the latest amendment.</param>
/// <param name="ChangeReason">Why it was last amended or cancelled.</param>
/// <param name="CreatedBy">Operator, manager or importer that created it.</param>
/// <param name="CreatedAt">When.</param>
public sealed record NoticeDetails(
    IReadOnlyList<string> Lines, IReadOnlyList<string> Transformers, int Revision, DateTimeOffset? PreviousStart,
    DateTimeOffset? PreviousEnd, string? ChangeReason, string CreatedBy, DateTimeOffset CreatedAt)
{
    /// <summary>Details of a notice the Notifier did not create (sample data, the manager's command): area-wide.</summary>
    public static NoticeDetails AreaWide(string createdBy, DateTimeOffset at) => new([], [], 0, null, null, null, createdBy, at);

    /// <summary>True when the notice also goes privately to the customers on named lines or transformers.</summary>
    public bool TargetsCustomers => Lines.Count > 0 || Transformers.Count > 0;
}
