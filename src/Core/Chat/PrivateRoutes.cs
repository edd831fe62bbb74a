using System.ComponentModel.DataAnnotations;
using GridService.Core.Domain;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace GridService.Core.Chat;

/// <summary>Which channels reach people privately.</summary>
public sealed class ChannelOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Channels";

    /// <summary>
    /// The channel that reaches staff privately when they did not write on one that can answer them (pages, SLA
    /// warnings, previews, hand-over lists): <c>wecom-app</c> in production, the simulator by default.
    /// </summary>
    [Required(AllowEmptyStrings = false)]
    public string Staff { get; set; } = ChannelNames.Simulator;
}

/// <summary>
/// The one place that decides how a person is reached privately: staff on the channel they wrote on when it answers
/// privately, else the staff channel; a customer where they wrote privately, else through the group's channel when
/// that channel can address one person (simulator, bridge). Null means no channel reaches them: the caller says so
/// in the group instead of queueing a message that could only be dead-lettered. The bridge endpoint doubles as the
/// loopback simulator's way in: without <c>Bridge:OutboundUrl</c> nothing goes out by the bridge, so its private
/// conversations are the simulator's.
/// </summary>
public sealed class PrivateRoutes(IOptions<ChannelOptions> options, IConfiguration configuration)
{
    private readonly bool _bridgeOut = !string.IsNullOrWhiteSpace(configuration["Bridge:OutboundUrl"]);

    /// <summary>The channel for a private message to a member of staff, optionally in answer to <paramref name="via"/>.</summary>
    public string ToStaff(InboundMessage? via = null) =>
        via is { IsPrivate: true } && Answerable(via.Channel) is { } channel ? channel : options.Value.Staff;

    /// <summary>The channel for a private answer to the customer who sent <paramref name="message"/> in <paramref name="group"/>, or null.</summary>
    public string? ToCustomer(InboundMessage message, ChatGroup? group)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.IsPrivate ? Answerable(message.Channel) : group is null ? null : Answerable(group.Channel);
    }

    private string? Answerable(string channel) => channel switch
    {
        ChannelNames.Bridge => _bridgeOut ? ChannelNames.Bridge : ChannelNames.Simulator,
        _ when ChannelNames.RepliesPrivately(channel) => channel,
        _ => null,
    };
}
