using Microsoft.Extensions.Options;

namespace GridService.Bot.Channels.WeCom.LongConnection;

/// <summary>How the Bot keeps AI bots' long connections (section <c>WeCom:LongConnection</c>); the defaults follow WeCom's SDK.</summary>
public sealed class LongConnectionOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "WeCom:LongConnection";

    /// <summary>How often a ping is sent; two unanswered in a row drop the connection.</summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait before reconnecting; doubles up to <see cref="ReconnectMax"/>, with jitter.</summary>
    public TimeSpan ReconnectMin { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait before reconnecting.</summary>
    public TimeSpan ReconnectMax { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a holder's lease on a bot lasts without renewal (renewed every third of it).</summary>
    public TimeSpan LeaseTtl { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long to wait for WeCom's acknowledgement of one frame (the SDK's 5 s).</summary>
    public TimeSpan AckTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Replies later than this after their message are pushed (<c>aibot_send_msg</c>) instead of sent on its req_id.</summary>
    public TimeSpan ReplyWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// After an eviction from outside this deployment (another client subscribed with the bot's id while this one held
    /// the lease), how long no Bot here connects, so the two do not evict each other in turn.
    /// </summary>
    public TimeSpan EvictionHoldOff { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Lease of one push while the holder sends it; a holder that dies leaves it to the next after this.</summary>
    public TimeSpan PushLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Pushes sent at once (frames for one req_id always go one after another).</summary>
    public int PushConcurrency { get; set; } = 4;

    /// <summary>Attempts of a push that fails transiently before its failure is final.</summary>
    public int MaxPushAttempts { get; set; } = 5;

    /// <summary>Largest image downloaded from a private chat.</summary>
    public int MaxImageBytes { get; set; } = 10 * 1024 * 1024;

    /// <summary>What a user who opens the bot's single chat is told (empty: nothing).</summary>
    public string Welcome { get; set; } = "您好，我是供电服务助手。交电费、停电、报修、电表这些问题都可以直接问我；有危险情况请立即拨打95598。";
}

/// <summary>Names every bad long-connection setting.</summary>
public sealed class LongConnectionOptionsValidator : IValidateOptions<LongConnectionOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, LongConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.HeartbeatInterval < TimeSpan.FromMilliseconds(10)) failures.Add($"WeCom:LongConnection:HeartbeatInterval {options.HeartbeatInterval} is too short.");
        if (options.ReconnectMin <= TimeSpan.Zero || options.ReconnectMax < options.ReconnectMin)
        {
            failures.Add($"WeCom:LongConnection:ReconnectMin {options.ReconnectMin} must be positive and at most ReconnectMax {options.ReconnectMax}.");
        }

        if (options.LeaseTtl < TimeSpan.FromSeconds(1)) failures.Add($"WeCom:LongConnection:LeaseTtl {options.LeaseTtl} must be at least 00:00:01.");
        if (options.AckTimeout <= TimeSpan.Zero) failures.Add($"WeCom:LongConnection:AckTimeout {options.AckTimeout} must be positive.");
        if (options.PushLease <= options.AckTimeout * 2) failures.Add($"WeCom:LongConnection:PushLease {options.PushLease} must be longer than twice the AckTimeout.");
        if (options.PushConcurrency is < 1 or > 64) failures.Add($"WeCom:LongConnection:PushConcurrency {options.PushConcurrency} must be between 1 and 64.");
        if (options.MaxPushAttempts is < 1 or > 20) failures.Add($"WeCom:LongConnection:MaxPushAttempts {options.MaxPushAttempts} must be between 1 and 20.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
