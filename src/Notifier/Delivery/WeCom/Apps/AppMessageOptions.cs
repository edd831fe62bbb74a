using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery.WeCom.Apps;

/// <summary>How app messages look and how fast they go (section <c>WeCom:AppMessages</c>).</summary>
public sealed class AppMessageOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "WeCom:AppMessages";

    /// <summary>Message kinds sent as markdown (rendered in the WeCom client only, not in the WeChat plugin).</summary>
    public IList<string> MarkdownKinds { get; } = [];

    /// <summary>Message kinds sent as a text card (first line the title, the rest the description), linking to <see cref="CardUrl"/>.</summary>
    public IList<string> CardKinds { get; } = [];

    /// <summary>Where a text card's 详情 button leads; <c>{id}</c> is replaced by the message id. Required with card kinds.</summary>
    public string CardUrl { get; set; } = "";

    /// <summary>Messages per member per minute. WeCom silently drops what goes past 30.</summary>
    public int PerMemberPerMinute { get; set; } = 30;

    /// <summary>Messages per member per hour. WeCom silently drops what goes past 1000.</summary>
    public int PerMemberPerHour { get; set; } = 1000;

    /// <summary>Added to the windows on our side, as for the group robot.</summary>
    public TimeSpan RateMargin { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Most messages one text may become.</summary>
    public int MaxParts { get; set; } = 10;

    /// <summary>
    /// Ask WeCom not to deliver an identical request again within this window (<c>enable_duplicate_check</c>): closes
    /// the window in which a send that timed out after WeCom accepted it is repeated. Zero turns it off.
    /// </summary>
    public TimeSpan DuplicateCheck { get; set; } = TimeSpan.FromMinutes(30);
}

/// <summary>Names every bad <see cref="AppMessageOptions"/> value.</summary>
public sealed class AppMessageOptionsValidator : IValidateOptions<AppMessageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AppMessageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.PerMemberPerMinute is < 1 or > 30) failures.Add($"WeCom:AppMessages:PerMemberPerMinute {options.PerMemberPerMinute} must be between 1 and 30 (WeCom drops the rest).");
        if (options.PerMemberPerHour is < 1 or > 1000) failures.Add($"WeCom:AppMessages:PerMemberPerHour {options.PerMemberPerHour} must be between 1 and 1000 (WeCom drops the rest).");
        if (options.MaxParts is < 1 or > 50) failures.Add($"WeCom:AppMessages:MaxParts {options.MaxParts} must be between 1 and 50.");
        if (options.DuplicateCheck < TimeSpan.Zero || options.DuplicateCheck > TimeSpan.FromHours(4))
        {
            failures.Add($"WeCom:AppMessages:DuplicateCheck {options.DuplicateCheck} must be between 00:00:00 and 04:00:00 (WeCom's maximum).");
        }

        if (options.CardKinds.Count > 0 && !Uri.TryCreate(options.CardUrl.Replace("{id}", "x", StringComparison.Ordinal), UriKind.Absolute, out _))
        {
            failures.Add("WeCom:AppMessages:CardUrl must be an absolute http(s) URL when CardKinds are set (WeCom requires a link on a text card).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
