using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery.WeCom.Api;

/// <summary>
/// WeCom's REST API as the Notifier uses it (section <c>WeCom</c>): where it lives (<c>WeCom:ApiBaseUrl</c>, so tests
/// point it at a local fake) and the self-built apps that may send (<c>WeCom:Apps:{name}:CorpId|Secret|AgentId</c>; the
/// same entries carry the Bot's callback Token and EncodingAESKey).
/// </summary>
public sealed class WeComApiOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "WeCom";

    /// <summary>The API's base address.</summary>
    public string ApiBaseUrl { get; set; } = "https://qyapi.weixin.qq.com";

    /// <summary>The app that sends when a message does not name one (a page, a preview): needed only when several apps can send.</summary>
    public string DefaultApp { get; set; } = "";

    /// <summary>Apps by name.</summary>
    public Dictionary<string, WeComAppCredentials> Apps { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>How long before its expiry an access token is fetched anew (WeCom may also revoke one early).</summary>
    public TimeSpan TokenRefreshMargin { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long an app WeCom refused for a configuration reason (secret, agentid, permission, IP) stays disabled before it is tried again.</summary>
    public TimeSpan DisabledFor { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Apps that can send: those with a Secret.</summary>
    public IEnumerable<WeComApp> SendingApps => Apps
        .Where(a => !string.IsNullOrWhiteSpace(a.Value.Secret))
        .Select(a => new WeComApp(a.Key, a.Value.CorpId.Trim(), a.Value.Secret.Trim(), int.TryParse(a.Value.AgentId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0))
        .OrderBy(a => a.Name, StringComparer.Ordinal);

    /// <summary>The app named <paramref name="name"/> when it can send; else the default sending app; null when none can.</summary>
    public WeComApp? AppFor(string? name)
    {
        var apps = SendingApps.ToList();
        if (name is { Length: > 0 } && apps.Find(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase)) is { } named) return named;
        if (DefaultApp.Length > 0) return apps.Find(a => a.Name.Equals(DefaultApp, StringComparison.OrdinalIgnoreCase));
        return apps.Count == 1 ? apps[0] : null;
    }
}

/// <summary>One app's sending credentials (<c>WeCom:Apps:{name}</c>).</summary>
public sealed class WeComAppCredentials
{
    /// <summary>The CorpID (企业ID).</summary>
    public string CorpId { get; set; } = "";

    /// <summary>The app's Secret (a credential: never logged).</summary>
    public string Secret { get; set; } = "";

    /// <summary>The app's AgentId.</summary>
    public string AgentId { get; set; } = "";
}

/// <summary>An app that can send.</summary>
/// <param name="Name">Its configured name.</param>
/// <param name="CorpId">The CorpID.</param>
/// <param name="Secret">The Secret.</param>
/// <param name="AgentId">The AgentId.</param>
public sealed record WeComApp(string Name, string CorpId, string Secret, int AgentId)
{
    /// <summary>First 12 hex digits of SHA-256 of corp, secret and agent: names the token and the disabled state, reveals nothing.</summary>
    public string Fingerprint { get; } =
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{CorpId}\n{Secret}\n{AgentId}")))[..12];

    /// <summary>For logs and reasons: the name and AgentId, never the secret.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"WeCom app {Name} (agent {AgentId})");
}

/// <summary>Names every bad sending setting at start-up.</summary>
public sealed class WeComApiOptionsValidator : IValidateOptions<WeComApiOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WeComApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            failures.Add($"WeCom:ApiBaseUrl '{options.ApiBaseUrl}' is not an absolute http(s) URL.");
        }

        foreach (var (app, o) in options.Apps.Where(a => !string.IsNullOrWhiteSpace(a.Value.Secret)))
        {
            if (string.IsNullOrWhiteSpace(o.CorpId)) failures.Add($"WeCom:Apps:{app}:CorpId is required to send (the 企业ID).");
            if (!int.TryParse(o.AgentId, NumberStyles.None, CultureInfo.InvariantCulture, out var agent) || agent <= 0)
            {
                failures.Add($"WeCom:Apps:{app}:AgentId is required to send: the app's AgentId, a positive number (got '{o.AgentId}').");
            }
        }

        var sending = options.SendingApps.Select(a => a.Name).ToList();
        if (options.DefaultApp.Length > 0 && !sending.Contains(options.DefaultApp, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"WeCom:DefaultApp '{options.DefaultApp}' is not an app with a Secret (apps that can send: {(sending.Count == 0 ? "none" : string.Join(", ", sending))}).");
        }
        else if (options.DefaultApp.Length == 0 && sending.Count > 1)
        {
            failures.Add($"WeCom:DefaultApp must name the app that sends pages and previews, since several can: {string.Join(", ", sending)}.");
        }

        if (options.TokenRefreshMargin < TimeSpan.Zero || options.TokenRefreshMargin > TimeSpan.FromMinutes(60))
        {
            failures.Add($"WeCom:TokenRefreshMargin {options.TokenRefreshMargin} must be between 00:00:00 and 01:00:00.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
