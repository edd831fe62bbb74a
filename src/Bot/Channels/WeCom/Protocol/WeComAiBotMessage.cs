using System.Buffers;

namespace GridService.Bot.Channels.WeCom.Protocol;

/// <summary>A decrypted 智能机器人 (AI bot) callback.</summary>
/// <param name="MsgId">The message id, for de-duplication.</param>
/// <param name="AiBotId">The bot's id.</param>
/// <param name="ChatId">The group's chat id; null in a single chat.</param>
/// <param name="ChatType"><c>group</c> or <c>single</c>.</param>
/// <param name="FromUserId">The sender's userid.</param>
/// <param name="ResponseUrl">Where to post a reply (valid one hour, single use); never log it.</param>
/// <param name="MsgType">text, image, mixed, stream, event...</param>
/// <param name="Content">The text as WeCom delivers it, including any leading @mention.</param>
/// <param name="QuoteContent">The text of the quoted message, when a text message is quoted.</param>
/// <param name="Media">Images and files that came with it (single chat only): an encrypted URL and, on the long connection, its key.</param>
/// <remarks>
/// A voice message arrives transcribed: its <paramref name="Content"/> is the transcript. A mixed message's content is
/// its text items joined by line breaks, its images are in <paramref name="Media"/>.
/// </remarks>
public sealed record WeComAiBotMessage(
    string MsgId, string AiBotId, string? ChatId, string ChatType, string FromUserId, string? ResponseUrl,
    string MsgType, string? Content, string? QuoteContent, IReadOnlyList<WeComAiBotMedia>? Media = null)
{
    // WeCom clients put a space, a no-break space or U+2005 (four-per-em space) after an @mention.
    private static readonly SearchValues<char> MentionSeparators = SearchValues.Create(" \u2005\u00A0\u3000\t\r\n");

    /// <summary>True for a group chat.</summary>
    public bool IsGroup => ChatType == "group";

    /// <summary>
    /// True when the bot was @-mentioned: in a group WeCom only forwards messages that @ the bot, so every group
    /// message does; a single chat needs no mention.
    /// </summary>
    public bool MentionsBot => IsGroup;

    /// <summary>The text without the leading @mention of the bot (group messages); the content as is otherwise.</summary>
    public string Text => TextWithoutMention(null);

    /// <summary>
    /// The text without the leading @mention. With <paramref name="botName"/>, only <c>@botName</c> is removed
    /// (names may contain spaces); without it, the first <c>@word</c>. Single-chat text is returned unchanged.
    /// </summary>
    public string TextWithoutMention(string? botName) =>
        IsGroup ? StripLeadingMention(Content ?? "", botName) : Content ?? "";

    /// <summary>
    /// Removes a leading <c>@botName</c> (or, with no name, the first <c>@word</c>) and the spaces after it.
    /// Text that does not start with that mention is returned unchanged.
    /// </summary>
    public static string StripLeadingMention(string text, string? botName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var span = TrimSeparators(text);
        if (span.IsEmpty || span[0] != '@') return text;

        int end;
        if (string.IsNullOrEmpty(botName))
        {
            end = span.IndexOfAny(MentionSeparators);
            if (end < 0) end = span.Length;
        }
        else
        {
            end = 1 + botName.Length;
            if (!span[1..].StartsWith(botName, StringComparison.Ordinal)
                || (span.Length > end && !MentionSeparators.Contains(span[end])))
            {
                return text;
            }
        }

        return TrimSeparators(span[end..]).ToString();
    }

    private static ReadOnlySpan<char> TrimSeparators(ReadOnlySpan<char> text)
    {
        var start = text.IndexOfAnyExcept(MentionSeparators);
        return start < 0 ? [] : text[start..];
    }
}

/// <summary>An image or file in an AI-bot message.</summary>
/// <param name="Kind"><c>image</c>, <c>file</c> or <c>video</c>.</param>
/// <param name="Url">Where to download it (valid about five minutes; never log it).</param>
/// <param name="AesKey">The per-message Base64 key it is encrypted with (long connection).</param>
public sealed record WeComAiBotMedia(string Kind, string Url, string? AesKey);
