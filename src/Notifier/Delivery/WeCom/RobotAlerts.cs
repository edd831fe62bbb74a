using GridService.Core.Grid;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Delivery.WeCom;

/// <summary>
/// Tells people when a group robot stops working: a Critical log for the operator, and a private message to the
/// group's area manager and supervisor over <see cref="DeliveryOptions.AlertChannel"/>. Alert ids are per robot
/// key, error and person, so a burst of refused messages raises one alert each, not one per message.
/// </summary>
public sealed partial class RobotAlerts(
    GridDirectory directory, Outbox outbox, IOptions<DeliveryOptions> options, TimeProvider time, ILogger<RobotAlerts> logger)
{
    /// <summary>Message kind of the alerts.</summary>
    public const string Kind = "robot-alert";

    /// <summary>What a WeCom errcode that disables a robot means, in zh-CN for the alert.</summary>
    public static string Meaning(int code) => code switch
    {
        93000 => "Webhook 地址无效或机器人已被移出群聊",
        93004 => "机器人已被停用",
        93008 => "机器人已不在该群中",
        _ => "机器人不可用",
    };

    /// <summary>Logs and sends the alert for a disabled robot.</summary>
    public async Task RaiseAsync(DisabledRobot robot)
    {
        Log.RobotDisabled(logger, robot.GroupId, robot.Fingerprint, robot.Code, robot.Reason);
        var group = await directory.GetGroupAsync(robot.GroupId);
        var area = group is null ? null : await directory.GetAreaAsync(group.AreaId);
        if (group is null || area is null)
        {
            Log.NoOneToAlert(logger, robot.GroupId);
            return;
        }

        var text = $"【GridService 告警】{group.Name}（{group.Id}）的企业微信群机器人已停用：{Meaning(robot.Code)}（错误码 {robot.Code}）。" +
                   $"发往该群的消息已暂停并转入死信，不会丢失。请在群内重新添加群机器人，把 Webhook 密钥配置到 WeCom:Robots:{group.Id}:Key，" +
                   "然后执行 deliveries redrive 重新投递。";
        foreach (var staffId in new[] { area.ManagerId, area.SupervisorId }.Where(id => id.Length > 0).Distinct(StringComparer.Ordinal))
        {
            var id = $"alert-robot-{group.Id}-{robot.Fingerprint}-{robot.Code}-{staffId}";
            await outbox.EnqueueAsync(new OutboundMessage(id, options.Value.AlertChannel, "", staffId, text, Kind, null,
                Critical: true, time.GetUtcNow()));
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Delivery + 20, LogLevel.Critical,
            "WeCom group robot of {GroupId} (key {Fingerprint}) refused with {Code} ({Reason}): disabled, its messages are dead-lettered until the key is fixed and they are re-driven")]
        public static partial void RobotDisabled(ILogger logger, string groupId, string fingerprint, int code, string reason);

        [LoggerMessage(EventIds.Delivery + 21, LogLevel.Warning, "Group {GroupId} is not in the directory: no area manager to alert about its robot")]
        public static partial void NoOneToAlert(ILogger logger, string groupId);
    }
}
