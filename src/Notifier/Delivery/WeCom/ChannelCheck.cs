using GridService.Notifier.Delivery.WeCom.Api;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery.WeCom;

/// <summary>
/// Refuses to start a Notifier whose settings send private messages over a channel that has no sender, cannot write
/// to one person, or is not configured: <c>Channels:Staff</c> (pages, previews, SLA warnings, hand-over lists),
/// <c>Delivery:AlertChannel</c> and <c>Audiences:Channels:*</c> (customers' preferred channels). Otherwise those
/// messages would only be dead-lettered, one by one, long after start-up. Each failure is one line naming the setting.
/// </summary>
/// <remarks>The senders are resolved when the check runs: some senders themselves depend on the channel options.</remarks>
public sealed class ChannelCheck(
    IServiceProvider services, IConfiguration configuration, IOptionsMonitor<WeComApiOptions> apis, AiBotRouting routing)
    : IValidateOptions<ChannelOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var known = services.GetServices<ISender>().Select(s => s.Channel).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var failures = new List<string>();
        Check("Channels:Staff", options.Staff, customers: false);
        Check("Delivery:AlertChannel", configuration["Delivery:AlertChannel"] is { Length: > 0 } alert ? alert : ChannelNames.Simulator, customers: false);
        foreach (var mapping in configuration.GetSection("Audiences:Channels").GetChildren())
        {
            Check($"Audiences:Channels:{mapping.Key}", mapping.Value ?? "", customers: true);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void Check(string setting, string channel, bool customers)
        {
            if (!known.Contains(channel))
            {
                failures.Add($"{setting} '{channel}' has no sender (senders: {string.Join(", ", known.Order(StringComparer.Ordinal))}).");
                return;
            }

            var problem = channel.ToLowerInvariant() switch
            {
                ChannelNames.WeComRobot => "a group robot cannot write to one person",
                ChannelNames.WeComCustomerGroup => "nobody in an external customer group can be written to privately",
                ChannelNames.WeComAiBot when routing.LongConnectionBots.Count == 0 =>
                    "an AI bot on callbacks only answers a message; it needs WeCom:AiBots:<name>:Mode long-connection to write first",
                ChannelNames.WeComApp when customers => "app messages reach only your corp's members, not customers",
                ChannelNames.WeComApp when apis.CurrentValue.AppFor(null) is null =>
                    "no app can send: set WeCom:Apps:<name>:CorpId, Secret and AgentId (and WeCom:DefaultApp when several can)",
                ChannelNames.Bridge when string.IsNullOrWhiteSpace(configuration["Bridge:OutboundUrl"]) => "it needs Bridge:OutboundUrl",
                ChannelNames.Sms when string.IsNullOrWhiteSpace(configuration["Sms:Url"]) => "it needs Sms:Url",
                _ => null,
            };
            if (problem is not null) failures.Add($"{setting} '{channel}' cannot be used: {problem}.");
        }
    }
}
