using System.ComponentModel.DataAnnotations;

namespace GridService.Bot.Channels.Bridge;

/// <summary>The generic signed bridge (<c>POST /api/chat/inbound</c>).</summary>
public sealed class BridgeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Bridge";

    /// <summary>
    /// Shared secret for <c>X-GridService-Signature: sha256=&lt;hex HMAC of timestamp + "." + body&gt;</c> with
    /// <c>X-GridService-Timestamp</c>. Empty: unsigned requests are accepted, which only a loopback bind allows (the
    /// simulator); a public bind without it refuses to start.
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>How far <c>X-GridService-Timestamp</c> may be from this host's clock; older requests are replays (401).</summary>
    [System.ComponentModel.DataAnnotations.Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan TimestampTolerance { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Largest accepted request body in bytes.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Longest accepted message text in characters.</summary>
    [Range(1, 20_000)]
    public int MaxTextLength { get; set; } = 2000;
}
