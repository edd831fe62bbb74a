using System.Globalization;
using GridService.Core.Security;
using System.Text.Json;
using System.Text.Json.Serialization;
using GridService.Core.Grid;
using Microsoft.Extensions.Options;

namespace GridService.Bot.Channels.Bridge;

/// <summary>The bridge/simulator HTTP surface: inbound messages, transcripts, groups.</summary>
public static partial class BridgeEndpoints
{
    /// <summary>Maps <c>/api/chat/*</c> and <c>/api/groups</c>.</summary>
    public static IEndpointRouteBuilder MapBridgeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/chat/inbound", ReceiveAsync);
        app.MapGet("/api/chat/groups/{groupId}/transcript", ReadTranscriptAsync).RequireOperator();
        app.MapGet("/api/groups", async (GridDirectory directory) =>
            Results.Ok((await directory.ListGroupsAsync()).Select(g => new GroupInfo(g.Id, g.Name, g.AreaId, g.BotName, g.ManagerIds)))).RequireOperator();
        return app;
    }

    // after is read as text: a typed parameter that does not parse gets an empty 400 from the framework.
    private static async Task<IResult> ReadTranscriptAsync(string groupId, string? after, Transcript transcript)
    {
        long from = 0;
        if (!string.IsNullOrEmpty(after) && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out from))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Bad request",
                detail: "after must be a line's seq: a whole number, 0 for the whole transcript.");
        }

        return Results.Ok((await transcript.ReadAsync(groupId, from)).Select(TranscriptLine.From));
    }

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request, IOptions<BridgeOptions> options, GridDirectory directory, Inbox inbox, Transcript transcript,
        TimeProvider time, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var bridge = options.Value;
        var logger = loggers.CreateLogger(typeof(BridgeEndpoints));
        var body = await RequestBody.ReadAsync(request, bridge.MaxBodyBytes, cancellationToken);
        if (body is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Body too large",
                detail: $"The body exceeds {bridge.MaxBodyBytes} bytes.");
        }

        if (bridge.Secret.Length > 0)
        {
            var timestamp = request.Headers[BridgeSignature.TimestampHeader].ToString();
            if (!BridgeSignature.IsFresh(timestamp, time.GetUtcNow(), bridge.TimestampTolerance))
            {
                Log.Stale(logger, request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "?");
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Stale or missing timestamp",
                    detail: $"{BridgeSignature.TimestampHeader} must be the Unix time in seconds, within {bridge.TimestampTolerance} of this host's clock.");
            }

            if (!BridgeSignature.Verify(bridge.Secret, timestamp, body, request.Headers[BridgeSignature.Header]))
            {
                Log.BadSignature(logger, request.HttpContext.Connection.RemoteIpAddress?.ToString() ?? "?");
                return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Bad signature",
                    detail: $"{BridgeSignature.Header} is missing or is not the signature of timestamp + \".\" + body.");
            }
        }

        if (Parse(body, bridge, time) is not { } parsed)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed message",
                detail: "Expected JSON with messageId, groupId, senderId and text (strings), text within " +
                        $"{bridge.MaxTextLength} characters.");
        }

        if (!parsed.IsPrivate && await directory.GetGroupAsync(parsed.GroupId) is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown group",
                detail: $"No group '{parsed.GroupId}' is configured.");
        }

        if (!await inbox.EnqueueAsync(parsed))
        {
            return Results.Ok(new StatusReply("duplicate"));
        }

        // A private message (no groupId: staff commanding the bot one-to-one) is logged in the sender's conversation.
        await transcript.AppendAsync(parsed.IsPrivate ? Conversations.Private(parsed.SenderId) : parsed.GroupId, new TranscriptEntry(
            0, "in", parsed.MessageId, parsed.SenderId, parsed.Text, parsed.QuoteMessageId, "text", parsed.SentAt));
        return Results.Json(new StatusReply("queued"), statusCode: StatusCodes.Status202Accepted);
    }

    private static InboundMessage? Parse(byte[] body, BridgeOptions options, TimeProvider time)
    {
        BridgeMessage? m;
        try
        {
            m = JsonSerializer.Deserialize(body, BridgeJson.Default.BridgeMessage);
        }
        catch (JsonException)
        {
            return null;
        }

        if (m is null || IsBlank(m.MessageId) || IsBlank(m.SenderId) || m.Text is null
            || m.Text.Length > options.MaxTextLength || m.MessageId!.Length > MaxIdLength || (m.GroupId?.Length ?? 0) > MaxIdLength
            || m.SenderId!.Length > MaxIdLength || (m.QuoteMessageId?.Length ?? 0) > MaxIdLength || (m.SenderName?.Length ?? 0) > MaxIdLength)
        {
            return null;
        }

        // Names and texts reach groups and transcripts: no control characters or bidi overrides.
        var name = DisplayText.Name(m.SenderName);
        return new InboundMessage(m.MessageId, "bridge", m.GroupId?.Trim() ?? "", m.SenderId, name.Length > 0 ? name : m.SenderId,
            DisplayText.Clean(m.Text, options.MaxTextLength), m.MentionsBot ?? false, m.QuoteMessageId, m.SentAt ?? time.GetUtcNow());
    }

    private const int MaxIdLength = 128;

    private static bool IsBlank(string? s) => string.IsNullOrWhiteSpace(s);

    private static partial class Log
    {
        [LoggerMessage(EventIds.Bridge, LogLevel.Warning, "Refused an inbound message with a bad signature from {Remote}")]
        public static partial void BadSignature(ILogger logger, string remote);

        [LoggerMessage(EventIds.Bridge + 1, LogLevel.Warning, "Refused an inbound message with a stale or missing timestamp (a replay?) from {Remote}")]
        public static partial void Stale(ILogger logger, string remote);
    }
}

/// <summary>The bridge's inbound message shape.</summary>
public sealed record BridgeMessage(
    string? MessageId, string? GroupId, string? SenderId, string? SenderName, string? Text, bool? MentionsBot,
    string? QuoteMessageId, DateTimeOffset? SentAt);

/// <summary>Reply to an accepted message.</summary>
public sealed record StatusReply(string Status);

/// <summary>A configured group as the API shows it.</summary>
public sealed record GroupInfo(string Id, string Name, string AreaId, string BotName, IReadOnlyList<string> ManagerIds);

/// <summary>A transcript line as the API shows it.</summary>
public sealed record TranscriptLine(long Seq, string Direction, string MessageId, string SenderId, string Text, string? ReplyTo, string Kind, DateTimeOffset At)
{
    /// <summary>Maps a stored entry.</summary>
    public static TranscriptLine From(TranscriptEntry e) => new(e.Seq, e.Direction, e.MessageId, e.SenderId, e.Text, e.ReplyTo, e.Kind, e.At);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(BridgeMessage))]
internal sealed partial class BridgeJson : JsonSerializerContext;
