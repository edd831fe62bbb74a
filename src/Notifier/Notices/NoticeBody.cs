namespace GridService.Notifier.Notices;

/// <summary>The body of <c>POST /api/notices</c>, as sent; <see cref="NoticeBodyValidator"/> checks it.</summary>
/// <param name="Kind">planned-outage, temporary-maintenance or fault-outage.</param>
/// <param name="Areas">Area ids.</param>
/// <param name="Start">ISO 8601 with an offset, or <c>yyyy-MM-dd HH:mm</c> in the first area's time zone.</param>
/// <param name="End">As <paramref name="Start"/>.</param>
/// <param name="Reason">Why (required).</param>
/// <param name="Scope">What residents read as the scope; built from lines and transformers when left out.</param>
/// <param name="Lines">Feeder lines: their customers are also told privately.</param>
/// <param name="Transformers">Transformer areas (台区): their customers are also told privately.</param>
/// <param name="Id">Optional id from the caller's own system; a retry with the same id and content is answered again.</param>
public sealed record NoticeBody(
    string? Kind, IReadOnlyList<string>? Areas, string? Start, string? End, string? Reason, string? Scope = null,
    IReadOnlyList<string>? Lines = null, IReadOnlyList<string>? Transformers = null, string? Id = null);

/// <summary>The body of <c>/amend</c>, <c>/cancel</c> and <c>/restore</c>.</summary>
/// <param name="Start">Amend: the new start.</param>
/// <param name="End">Amend: the new end.</param>
/// <param name="Reason">Amend: a new reason for the outage, if it changed.</param>
/// <param name="ChangeReason">Amend and cancel: why (residents read it).</param>
/// <param name="RestoredAt">Restore: when power came back; now when left out.</param>
public sealed record NoticeChangeBody(string? Start = null, string? End = null, string? Reason = null, string? ChangeReason = null, string? RestoredAt = null);

/// <summary>A notice as the API shows it.</summary>
public sealed record NoticeView(
    string Id, string Kind, IReadOnlyList<string> Areas, string Scope, DateTimeOffset Start, DateTimeOffset End, string Reason,
    bool Cancelled, DateTimeOffset? RestoredAt, IReadOnlyList<string> Lines, IReadOnlyList<string> Transformers, int Revision,
    DateTimeOffset? AnnounceAt, DateTimeOffset? ReminderAt, IReadOnlyDictionary<string, DateTimeOffset>? Posted, int? Recipients,
    IReadOnlyList<string>? Warnings);
