namespace GridService.Core.Chat;

/// <summary>
/// The channels messages arrive on and leave by. Both hosts name them: the Bot stamps inbound messages and picks the
/// channel of a reply; the Notifier registers one sender per name. A channel name with no sender is a configuration
/// error found at start-up.
/// </summary>
public static class ChannelNames
{
    /// <summary>The in-process channel: delivered messages become transcript lines (the embedded default and tests).</summary>
    public const string Simulator = "simulator";

    /// <summary>The generic signed bridge (any gateway: an existing WeChat bridge, an SMS platform).</summary>
    public const string Bridge = "bridge";

    /// <summary>SMS through a signed webhook.</summary>
    public const string Sms = "sms";

    /// <summary>A WeCom group robot's webhook (posts to one internal group, 20 a minute).</summary>
    public const string WeComRobot = "wecom-robot";

    /// <summary>A WeCom AI bot (智能机器人): callbacks in, response_url or the long connection out.</summary>
    public const string WeComAiBot = "wecom-aibot";

    /// <summary>A WeCom self-built app: staff's private messages in, app messages out.</summary>
    public const string WeComApp = "wecom-app";

    /// <summary>
    /// A WeCom external customer group (客户群), which no bot may join: posts become 企业群发 tasks the group's manager
    /// confirms (one per group per day); nothing arrives from it and nobody in it can be written to privately.
    /// </summary>
    public const string WeComCustomerGroup = "wecom-customer-group";

    /// <summary>Every channel name the product knows.</summary>
    public static IReadOnlyList<string> Known { get; } = [Simulator, Bridge, Sms, WeComRobot, WeComAiBot, WeComApp, WeComCustomerGroup];

    /// <summary>True when a message that arrived privately on <paramref name="channel"/> can be answered privately on it.</summary>
    public static bool RepliesPrivately(string channel) =>
        channel is Simulator or Bridge or WeComAiBot or WeComApp;

    /// <summary>
    /// True when <paramref name="channel"/> can start a private conversation with one person by id (pages, alerts,
    /// reminders). The AI bot can only where a long connection pushes (<see cref="AiBotRouting"/>); a group robot
    /// and a customer group never can.
    /// </summary>
    public static bool WritesPrivately(string channel) =>
        channel is Simulator or Bridge or Sms or WeComApp;
}
