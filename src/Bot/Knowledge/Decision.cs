namespace GridService.Bot.Knowledge;

/// <summary>What the bot does with one message (labels as in faq-topics.md).</summary>
/// <param name="Label"><c>answer:&lt;topic&gt;</c>, <c>escalate:repair</c>, <c>escalate:complaint</c>, <c>escalate:consult</c> or <c>none</c>.</param>
/// <param name="Topic">The topic id for answers, else null.</param>
/// <param name="Confidence">How sure the engine is of this label, 0..1 (1 for safety rules).</param>
/// <param name="Reply">The text to send, or null when the bot stays quiet.</param>
public sealed record Decision(string Label, string? Topic, double Confidence, string? Reply)
{
    public const string Repair = "escalate:repair";
    public const string Complaint = "escalate:complaint";
    public const string Consult = "escalate:consult";
    public const string None = "none";

    /// <summary>Which rule or retrieval step decided, for eval output and logs (never shown to customers).</summary>
    public string? Reason { get; init; }

    /// <summary>
    /// Why a policy or live check overrode the model, in a sentence (<c>ask --explain</c>, logs); null when the
    /// model's own label stands. Never shown to customers.
    /// </summary>
    public string? Because { get; init; }

    /// <summary>
    /// The normalised text the decision was made on, numbers masked; for a follow-up it includes the previous turn.
    /// Keep it with the label as the next <see cref="PreviousTurn"/>.
    /// </summary>
    public string? Basis { get; init; }

    /// <summary>The family of a label: answer, escalate or none.</summary>
    public static string Family(string label) =>
        label.StartsWith("answer:", StringComparison.Ordinal) ? "answer"
        : label.StartsWith("escalate:", StringComparison.Ordinal) ? "escalate"
        : "none";
}
