using Microsoft.Extensions.Options;

namespace GridService.Notifier.Audiences;

/// <summary>Audiences and preferences: channel mapping and default quiet hours (section <c>Audiences</c>).</summary>
public sealed class AudienceOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Audiences";

    /// <summary>The channels a customer may prefer, as the customer data names them.</summary>
    public static readonly IReadOnlyList<string> PreferredChannels = ["wecom", "sms", "bridge", "simulator"];

    /// <summary>Channels that reach a customer by chat id; the others (sms) by account number.</summary>
    public static readonly IReadOnlyList<string> ChatChannels = ["wecom", "bridge", "simulator"];

    /// <summary>
    /// Customer's preferred channel → the outbound channel that delivers it. The embedded default sends everything
    /// to the simulator, so nothing needs configuring; production maps e.g. <c>wecom</c> to <c>bridge</c> (an app message reaches only the corp's own members).
    /// </summary>
    public Dictionary<string, string> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["wecom"] = "simulator", ["sms"] = "simulator", ["bridge"] = "simulator", ["simulator"] = "simulator",
    };

    /// <summary>Default quiet hours in each recipient's area time zone, <c>HH:mm-HH:mm</c> or <c>off</c>.</summary>
    public string QuietHours { get; set; } = Core.Domain.QuietHours.DefaultText;

    /// <summary>The parsed <see cref="QuietHours"/> (valid once options validation passed).</summary>
    public QuietHours DefaultQuietHours => Core.Domain.QuietHours.TryParse(QuietHours, out var hours) ? hours : Core.Domain.QuietHours.None;
}

/// <summary>Names every bad <see cref="AudienceOptions"/> value.</summary>
public sealed class AudienceOptionsValidator : IValidateOptions<AudienceOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AudienceOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (!QuietHours.TryParse(options.QuietHours, out _))
        {
            errors.Add($"Audiences:QuietHours '{options.QuietHours}' is not HH:mm-HH:mm (e.g. 21:00-08:00) or 'off'.");
        }

        foreach (var preferred in AudienceOptions.PreferredChannels)
        {
            if (!options.Channels.TryGetValue(preferred, out var channel) || string.IsNullOrWhiteSpace(channel))
            {
                errors.Add($"Audiences:Channels:{preferred} is missing: name the outbound channel that delivers to customers preferring {preferred}.");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
