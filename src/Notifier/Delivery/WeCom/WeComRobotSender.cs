using System.Text.Json;
using System.Text.RegularExpressions;
using GridService.Core.Queues;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery.WeCom;

/// <summary>
/// Posts group messages through the group's WeCom robot webhook (<c>{BaseUrl}/cgi-bin/webhook/send?key=KEY</c>):
/// text (with the recipient or everyone mentioned) or markdown, split into marked parts when too long. Each part is
/// sent once (its own sent marker), takes a slot of the robot's shared rate budget, and goes through the robot's
/// Polly pipeline. WeCom's errcodes: 0 delivered; 45009 too fast (wait a window); 93000/93004/93008 the robot is
/// gone (disable it, alert, dead-letter); 44004 empty; -1 busy (retry); anything else is permanent.
/// </summary>
public sealed partial class WeComRobotSender(
    IHttpClientFactory clients,
    IOptionsMonitor<WeComRobotOptions> robotOptions,
    IOptionsMonitor<QueueWorkerOptions> queueOptions,
    SendPipelines pipelines,
    RedisRateLimiter limiter,
    SentMarkers markers,
    RobotStates states,
    RobotAlerts alerts,
    TimeProvider time) : ISender
{
    /// <summary>Channel name.</summary>
    public const string Name = ChannelNames.WeComRobot;

    /// <summary>Largest text post in UTF-8 bytes.</summary>
    public const int TextLimit = 2048;

    /// <summary>Largest markdown post in UTF-8 bytes.</summary>
    public const int MarkdownLimit = 4096;

    /// <inheritdoc />
    public string Channel => Name;

    /// <inheritdoc />
    public async Task SendAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        var options = robotOptions.CurrentValue;
        if (message.GroupId.Length == 0)
        {
            throw new PermanentFailureException("The WeCom group robot posts to groups only; this message has no group.");
        }

        var robot = options.RobotOf(message.GroupId)
            ?? throw new PermanentFailureException($"No group robot is configured for {message.GroupId}: set WeCom:Robots:{message.GroupId}:Key.");
        if (await states.DisabledAsync(robot) is { } disabled)
        {
            throw new PermanentFailureException(DisabledReason(disabled));
        }

        var markdown = options.MarkdownKinds.Contains(message.Kind, StringComparer.OrdinalIgnoreCase);
        var parts = MessageSplitter.Split(message.Text, markdown ? MarkdownLimit : TextLimit);
        if (parts.Count == 0) throw new PermanentFailureException("The message text is empty (WeCom would refuse it with 44004).");
        if (parts.Count > options.MaxParts)
        {
            throw new PermanentFailureException($"The message needs {parts.Count} posts, more than WeCom:Robot:MaxParts ({options.MaxParts}); shorten it.");
        }

        // A long split message hands the rest of its parts to a later turn rather than outlive its lease: a part
        // is started only within the first quarter, and one part takes at most half (checked at start-up).
        var budget = queueOptions.Get(Outbox.QueueName).Lease / 4;
        var started = time.GetTimestamp();
        for (var i = 0; i < parts.Count; i++)
        {
            var partId = $"{message.Id}#{i + 1}/{parts.Count}";
            if (await markers.IsPartSentAsync(partId)) continue;
            if (i > 0 && time.GetElapsedTime(started) > budget)
            {
                throw new DeferDeliveryException(TimeSpan.Zero, $"{i} of {parts.Count} parts posted; the rest follows");
            }

            var post = Post(parts[i], i == 0, markdown, message, options);
            await SendPartAsync(robot, partId, post, options.Budget, cancellationToken);
            await markers.MarkPartSentAsync(partId);
        }
    }

    private async Task SendPartAsync(Robot robot, string partId, RobotPost post, RateLimit budget, CancellationToken cancellationToken)
    {
        var bucket = "wecom-robot:" + robot.Fingerprint;
        try
        {
            await pipelines.ExecuteAsync(bucket, async token =>
            {
                var slot = await limiter.AcquireAsync(bucket, partId, budget);
                if (!slot.Granted)
                {
                    throw new DeferDeliveryException(slot.Wait, $"rate limit: the robot may post {budget.Limit} messages per {budget.Window}");
                }

                try
                {
                    await PostAsync(robot, post, bucket, budget, token);
                }
                finally
                {
                    await limiter.AnsweredAsync(bucket, slot);
                }
            }, cancellationToken);
        }
        catch (RobotGoneException gone)
        {
            var disabled = new DisabledRobot(robot.GroupId, robot.Fingerprint, gone.Code, gone.Message, time.GetUtcNow());
            await states.DisableAsync(disabled);
            await alerts.RaiseAsync(disabled);
            throw new PermanentFailureException(DisabledReason(disabled));
        }
    }

    private async Task PostAsync(Robot robot, RobotPost post, string bucket, RateLimit budget, CancellationToken cancellationToken)
    {
        var url = $"{robotOptions.CurrentValue.BaseUrl.TrimEnd('/')}/cgi-bin/webhook/send?key={Uri.EscapeDataString(robot.Key)}";
        using var content = JsonContent.Create(post, RobotWireJson.Default.RobotPost);
        using var response = await clients.CreateClient(HttpOutcome.ClientName).PostAsync(url, content, cancellationToken);
        var endpoint = $"WeCom robot {robot.Fingerprint}";
        await HttpOutcome.ThrowIfFailedAsync(response, endpoint, time, cancellationToken);
        RobotReply? reply;
        try
        {
            reply = await response.Content.ReadFromJsonAsync(RobotWireJson.Default.RobotReply, cancellationToken);
        }
        catch (JsonException)
        {
            reply = null;
        }

        switch (reply?.Errcode)
        {
            case 0:
                return;
            case null:
                throw new TransientSendException($"{endpoint} answered with an unreadable body", serverFault: true);
            case 45009:
                // Someone else posts with this robot too: hold the whole robot back for a window.
                await limiter.SaturateAsync(bucket, budget);
                throw new DeferDeliveryException(budget.Span, $"{endpoint}: 45009 api freq out of limit; waiting one window");
            case 93000 or 93004 or 93008:
                throw new RobotGoneException(reply.Errcode.Value, $"{reply.Errcode} {reply.Errmsg}");
            case 44004:
                throw new PermanentFailureException($"{endpoint}: 44004 empty content");
            case -1:
                throw new TransientSendException($"{endpoint}: -1 system busy ({reply.Errmsg})", serverFault: true);
            default:
                throw new PermanentFailureException($"{endpoint}: errcode {reply.Errcode} {reply.Errmsg}");
        }
    }

    private static RobotPost Post(string content, bool first, bool markdown, OutboundMessage message, WeComRobotOptions options)
    {
        // Mentions go on the first part only: one notification per message, not per part.
        var recipient = first ? message.RecipientId : null;
        if (markdown) return RobotPost.ForMarkdown(recipient is { Length: > 0 } ? $"<@{recipient}>\n{content}" : content);
        if (first && message.Critical && options.MentionAllOnCritical) return RobotPost.ForText(content, ["@all"], null);
        if (recipient is not { Length: > 0 }) return RobotPost.ForText(content, null, null);
        return Mobile().IsMatch(recipient) ? RobotPost.ForText(content, null, [recipient]) : RobotPost.ForText(content, [recipient], null);
    }

    private static string DisabledReason(DisabledRobot robot) =>
        $"The WeCom group robot of {robot.GroupId} is disabled since {robot.At:yyyy-MM-dd HH:mm:ss}Z: {robot.Code} " +
        $"({RobotAlerts.Meaning(robot.Code)}; WeCom said '{robot.Reason}'). Fix WeCom:Robots:{robot.GroupId}:Key or add the " +
        "robot back to the group, then run 'deliveries redrive'.";

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    // WeCom refused the robot itself; handled outside the pipeline (neither retried nor a circuit failure).
    private sealed class RobotGoneException(int code, string message) : Exception(message)
    {
        public int Code { get; } = code;
    }
}
