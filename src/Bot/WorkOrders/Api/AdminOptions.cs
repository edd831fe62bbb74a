namespace GridService.Bot.WorkOrders.Api;

/// <summary>The operators' HTTP API (<c>/api/workorders</c>).</summary>
public sealed class AdminOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Admin";

    /// <summary>
    /// Bearer token operators send as <c>Authorization: Bearer &lt;token&gt;</c>. Empty: the API refuses every
    /// request, so an unconfigured install never exposes orders.
    /// </summary>
    public string Token { get; set; } = "";
}
