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

/// <summary>Refuses a staff channel that names no channel, or one that cannot write to one person.</summary>
public sealed class ChannelOptionsValidator : IValidateOptions<ChannelOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ChannelOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!ChannelNames.Known.Contains(options.Staff))
        {
            return ValidateOptionsResult.Fail(
                $"Channels:Staff '{options.Staff}' names no channel; use one of {string.Join(", ", ChannelNames.Known)}.");
        }

        return ChannelNames.WritesPrivately(options.Staff) || options.Staff == ChannelNames.WeComAiBot
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Channels:Staff '{options.Staff}' cannot write to one person; use wecom-app, simulator, bridge or sms.");
    }
}

/// <summary>
/// The one place that decides how a person is reached privately: staff on the channel they wrote on when it answers
/// privately, else the staff channel; a customer where they wrote privately, else through the group's channel when
/// that channel can address one person (simulator, bridge, an AI bot on a long connection). Null means no channel
/// reaches them (an external customer group, a group robot, an AI bot on callbacks only): the caller then says
/// <see cref="NoPrivateReach"/> in the group instead of queueing a message that could only be dead-lettered. The
/// bridge endpoint doubles as the loopback simulator's way in: without <c>Bridge:OutboundUrl</c> nothing goes out by
/// the bridge, so its private conversations are the simulator's.
/// </summary>
public sealed class PrivateRoutes(IOptions<ChannelOptions> options, IConfiguration configuration)
{
    /// <summary>What a group is told when a private answer cannot reach the person who asked there.</summary>
    public const string NoPrivateReach = "为保护隐私，这类信息不在群里发。请在网上国网App查询，或私信片区经理。";

    private readonly bool _bridgeOut = !string.IsNullOrWhiteSpace(configuration["Bridge:OutboundUrl"]);
    private readonly AiBotRouting _aiBots = new(configuration);

    /// <summary>The channel for a private message to a member of staff, optionally in answer to <paramref name="via"/>.</summary>
    public string ToStaff(InboundMessage? via = null) =>
        via is { IsPrivate: true } && Answerable(via.Channel) is { } channel ? channel : options.Value.Staff;

    /// <summary>The channel for a private answer to the customer who sent <paramref name="message"/> in <paramref name="group"/>, or null.</summary>
    public string? ToCustomer(InboundMessage message, ChatGroup? group)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.IsPrivate) return Answerable(message.Channel);
        return group is null ? null : Reaching(group);
    }

    /// <summary>
    /// The channel that writes to a member of <paramref name="group"/> privately, unasked: the simulator and the bridge
    /// address one person; an AI bot only on a long connection (a push to the user's id); a group robot and an
    /// external customer group cannot. Null when none does.
    /// </summary>
    public string? Reaching(ChatGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.Channel switch
        {
            ChannelNames.WeComAiBot => _aiBots.LongConnectionFor(group.Id) is not null ? ChannelNames.WeComAiBot : null,
            ChannelNames.Bridge or ChannelNames.Simulator => Answerable(group.Channel),
            _ => null,
        };
    }

    private string? Answerable(string channel) => channel switch
    {
        ChannelNames.Bridge => _bridgeOut ? ChannelNames.Bridge : ChannelNames.Simulator,
        _ when ChannelNames.RepliesPrivately(channel) => channel,
        _ => null,
    };
}
