namespace GridService.Bot.Knowledge;

/// <summary>
/// The same sender's previous question in the same chat, a few minutes old at most, so that a short follow-up
/// ("那在哪办", "要多久", "第三档呢") is read with its topic. Store <see cref="Decision.Label"/> and
/// <see cref="Decision.Basis"/> of the previous decision: the basis already carries a folded-in earlier turn, so a
/// third turn still knows the first one's topic, and its numbers are masked.
/// </summary>
/// <param name="Label">The previous decision's label.</param>
/// <param name="Text">The previous decision's <see cref="Decision.Basis"/>.</param>
public sealed record PreviousTurn(string Label, string Text);
