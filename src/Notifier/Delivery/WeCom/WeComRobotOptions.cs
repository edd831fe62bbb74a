using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery.WeCom;

/// <summary>
/// The WeCom group robot (section <c>WeCom:Robot</c>) and one webhook key per group (<c>WeCom:Robots:{groupId}:Key</c>,
/// the <c>key=</c> of the webhook URL WeCom shows when a robot is added to a group).
/// </summary>
public sealed class WeComRobotOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "WeCom:Robot";

    /// <summary>Section of the per-group keys.</summary>
    public const string RobotsSection = "WeCom:Robots";

    /// <summary>Where the webhook API lives; tests point it at a local fake server.</summary>
    public string BaseUrl { get; set; } = "https://qyapi.weixin.qq.com";

    /// <summary>Messages one robot may post per <see cref="RateWindow"/> (WeCom: 20 a minute).</summary>
    public int RateLimit { get; set; } = 20;

    /// <summary>The platform's rate window.</summary>
    public TimeSpan RateWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Added to the window on our side so sends that leave a little late never crowd the next window.</summary>
    public TimeSpan RateMargin { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most posts one message may be split into; a longer text is refused rather than flooding a group.</summary>
    public int MaxParts { get; set; } = 10;

    /// <summary>Message kinds posted as markdown (up to 4096 bytes a post) instead of text (2048 bytes).</summary>
    public IList<string> MarkdownKinds { get; } = [];

    /// <summary>Mention everyone (<c>@all</c>) in critical text posts such as outage notices.</summary>
    public bool MentionAllOnCritical { get; set; }

    /// <summary>Webhook key per group id.</summary>
    public IDictionary<string, RobotKey> Robots { get; } = new Dictionary<string, RobotKey>(StringComparer.Ordinal);

    /// <summary>The rate budget of one robot.</summary>
    public RateLimit Budget => new(RateLimit, RateWindow, RateMargin);

    /// <summary>The configured robot of a group, if any.</summary>
    public Robot? RobotOf(string groupId) =>
        Robots.TryGetValue(groupId, out var robot) && !string.IsNullOrWhiteSpace(robot.Key) ? new Robot(groupId, robot.Key.Trim()) : null;
}

/// <summary>One group's robot key.</summary>
public sealed class RobotKey
{
    /// <summary>The webhook key (a secret: never logged).</summary>
    public string Key { get; set; } = "";
}

/// <summary>A group's robot: its key and a fingerprint that names it in logs, keys and circuit breakers.</summary>
public sealed record Robot(string GroupId, string Key)
{
    /// <summary>First 12 hex digits of SHA-256 of the key: stable, changes with the key, reveals nothing.</summary>
    public string Fingerprint { get; } = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Key)))[..12];
}

/// <summary>Names every bad robot setting at start-up.</summary>
public sealed class WeComRobotOptionsValidator : IValidateOptions<WeComRobotOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WeComRobotOptions options)
    {
        var failures = new List<string>();
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            failures.Add($"WeCom:Robot:BaseUrl '{options.BaseUrl}' is not an absolute http(s) URL.");
        }

        if (options.RateLimit < 1) failures.Add($"WeCom:Robot:RateLimit {options.RateLimit} must be at least 1.");
        if (options.RateWindow <= TimeSpan.Zero) failures.Add($"WeCom:Robot:RateWindow {options.RateWindow} must be positive.");
        if (options.RateMargin < TimeSpan.Zero) failures.Add($"WeCom:Robot:RateMargin {options.RateMargin} must not be negative.");
        if (options.MaxParts is < 1 or > 50) failures.Add($"WeCom:Robot:MaxParts {options.MaxParts} must be between 1 and 50.");
        foreach (var (group, robot) in options.Robots)
        {
            if (string.IsNullOrWhiteSpace(robot.Key) || robot.Key.Trim().Any(char.IsWhiteSpace))
            {
                failures.Add($"WeCom:Robots:{group}:Key is empty or contains spaces.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
