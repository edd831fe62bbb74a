
namespace GridService.Bot.Pipeline;

/// <summary>Whether a group message is for the bot, and its text without the @mention.</summary>
public static class Addressing
{
    /// <summary>True when the message @-mentions the bot, quotes one of its messages, or is private.</summary>
    public static bool IsForBot(InboundMessage message, ChatGroup group) =>
        message.IsPrivate || message.MentionsBot || ContainsMention(message.Text, group.BotName)
        || (message.QuoteMessageId?.StartsWith(BotMessageIds.Prefix, StringComparison.Ordinal) ?? false);

    /// <summary>The text with @BotName (half- or full-width @) removed and trimmed.</summary>
    public static string StripMention(string text, string botName)
    {
        foreach (var at in (ReadOnlySpan<string>)["@", "＠"])
        {
            text = text.Replace(at + botName, " ", StringComparison.OrdinalIgnoreCase);
        }

        return text.Trim();
    }

    private static bool ContainsMention(string text, string botName) =>
        text.Contains("@" + botName, StringComparison.OrdinalIgnoreCase) || text.Contains("＠" + botName, StringComparison.OrdinalIgnoreCase);
}

/// <summary>Ids of the bot's own messages: derived from what they answer, so a retried step never posts twice.</summary>
public static class BotMessageIds
{
    /// <summary>Every bot message id starts with this.</summary>
    public const string Prefix = "bot-";

    /// <summary>The id of the reply to an inbound message.</summary>
    public static string ReplyTo(InboundMessage message) => $"{Prefix}re-{message.Channel}-{message.MessageId}";
}
