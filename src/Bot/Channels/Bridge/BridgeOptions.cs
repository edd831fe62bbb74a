using System.ComponentModel.DataAnnotations;

namespace GridService.Bot.Channels.Bridge;

/// <summary>The generic signed bridge (<c>POST /api/chat/inbound</c>).</summary>
public sealed class BridgeOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Bridge";

    /// <summary>
    /// Shared secret for <c>X-GridService-Signature: sha256=&lt;hex HMAC of the body&gt;</c>. Empty: unsigned requests
    /// are accepted (the embedded simulator on loopback).
    /// </summary>
    public string Secret { get; set; } = "";

    /// <summary>Largest accepted request body in bytes.</summary>
    [Range(1024, 4 * 1024 * 1024)]
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Longest accepted message text in characters.</summary>
    [Range(1, 20_000)]
    public int MaxTextLength { get; set; } = 2000;
}
