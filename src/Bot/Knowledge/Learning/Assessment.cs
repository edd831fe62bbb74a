namespace GridService.Bot.Knowledge.Learning;

/// <summary>
/// Everything the learned engine knows about a message before thresholds apply: a policy decision that stands
/// whatever the model says, or the model's probabilities over the text it read (the message, or the previous turn
/// and the message for a follow-up). Kept apart from the thresholds so cross-validation can sweep them cheaply.
/// </summary>
/// <param name="Prepared">The message normalised and masked.</param>
/// <param name="Basis">The text the model read: the message, or the previous turn and the message.</param>
/// <param name="Policy">The decision of a policy rule (hazard, privacy, empty), or null.</param>
/// <param name="Probabilities">The model's probability per label (empty when a policy decided first).</param>
/// <param name="Top">Index of the most probable label, -1 when a policy decided first.</param>
/// <param name="PowerRelated">Whether the message is about the power service (for an unsure message).</param>
/// <param name="FollowUpOf">The previous turn's label when the message was read as its follow-up.</param>
internal sealed record Assessment(
    PreparedText Prepared, string Basis, Decision? Policy, float[] Probabilities, int Top, bool PowerRelated, string? FollowUpOf)
{
    public float TopProbability => Top < 0 ? 1f : Probabilities[Top];
}
