
namespace GridService.Notifier.Notices;

/// <summary>A checked request to publish an outage notice.</summary>
/// <param name="Id">Notice id; chosen by the caller (e.g. the operator's own system) or generated.</param>
/// <param name="Kind">Planned, temporary maintenance or fault.</param>
/// <param name="Areas">The areas, all known.</param>
/// <param name="Start">Start (UTC).</param>
/// <param name="End">Expected end (UTC), after the start.</param>
/// <param name="Reason">Why.</param>
/// <param name="Scope">What residents read as the scope.</param>
/// <param name="Lines">Feeder lines whose customers are told privately.</param>
/// <param name="Transformers">Transformer areas whose customers are told privately.</param>
public sealed record NoticeInput(
    string? Id, OutageKind Kind, IReadOnlyList<Area> Areas, DateTimeOffset Start, DateTimeOffset End, string Reason, string Scope,
    IReadOnlyList<string> Lines, IReadOnlyList<string> Transformers);

/// <summary>Why a notice operation was refused, as problem details show it.</summary>
/// <param name="Status">HTTP status: 404 unknown notice, 409 the notice's state does not allow it.</param>
/// <param name="Title">Short title.</param>
/// <param name="Detail">One sentence the operator can act on.</param>
public sealed record NoticeRefusal(int Status, string Title, string Detail);
