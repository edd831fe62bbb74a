using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GridService.Bot.Commands;
using GridService.Bot.Knowledge;
using GridService.Bot.Llm;
using GridService.Bot.WorkOrders;
using GridService.Core.Grid;
using GridService.Core.Storage;

namespace GridService.Bot.Copilot;

/// <summary>The question a manager last forwarded, kept for <c>代报</c>.</summary>
/// <param name="Question">The resident's question as the manager sent it.</param>
/// <param name="Label">What the engine decided.</param>
/// <param name="GroupId">The manager's customer group.</param>
/// <param name="MessageId">The manager's message.</param>
/// <param name="Channel">The channel it came on.</param>
/// <param name="At">When.</param>
public sealed record ForwardedQuestion(string Question, string Label, string GroupId, string MessageId, string Channel, DateTimeOffset At);

/// <summary>
/// The area manager's copilot for external customer groups, where no bot may post. The manager forwards or types a
/// resident's question to the bot in private (the WeCom app) and gets back the reply ready to paste into the group,
/// with what the bot decided and how sure it is; nothing is posted and no order is opened by itself. <c>代报 [称呼]
/// [电话]</c> then opens a work order for that question on the resident's behalf: its news (accepted, progress,
/// result) comes to the manager to relay.
/// </summary>
public sealed partial class ManagerCopilot(
    DecisionEngine engine, IAnswerRefiner refiner, GridDirectory directory, WorkOrderIntake intake, WorkOrderMessages messages, RedisStore store,
    TimeProvider time, ILogger<ManagerCopilot> logger)
{
    /// <summary>How long the last forwarded question can be reported with <c>代报</c>.</summary>
    public static readonly TimeSpan Remember = TimeSpan.FromHours(2);

    /// <summary>The line that says how to report the question on the resident's behalf.</summary>
    public const string ReportHint = "要替居民登记工单，回复：代报 [居民称呼] [联系电话]（处理进展和结果会私信发给您转告）";

    private string LastKey(string staffId) => $"{store.Keys.Prefix}:copilot-last:{staffId}";

    /// <summary>The reply to paste for a resident's question, with the decision behind it.</summary>
    public async Task<string> AnswerAsync(InboundMessage message, string question, Staff staff, ChatGroup group, Area area, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(staff);
        ArgumentNullException.ThrowIfNull(area);
        var now = time.GetUtcNow();
        var manager = await directory.GetStaffAsync(area.ManagerId);

        // The reply is pasted into the group: no personal data in it, whoever asked.
        var context = AnswerContext.For(area, manager, await directory.NoticesOfAreaAsync(area.Id, now), isPrivate: false);
        var decision = await refiner.RefineAsync(question, engine.Decide(question, context), context, cancellationToken);
        var last = new ForwardedQuestion(question, decision.Label, group.Id, message.MessageId, message.Channel, now);
        await store.Db.StringSetAsync(LastKey(staff.Id), JsonSerializer.Serialize(last, CopilotJson.Default.ForwardedQuestion), Remember);
        Log.Answered(logger, message.MessageId, decision.Label, decision.Confidence);

        var text = new StringBuilder();
        switch (Decision.Family(decision.Label))
        {
            case "answer":
                text.Append("【可直接转发到群里】\n").Append(decision.Reply);
                break;
            case "escalate":
                text.Append("【建议登记工单】这个问题需要人工处理（").Append(LabelName(decision.Label)).Append("）。可以先这样回复居民：\n")
                    .Append(decision.Reply ?? "收到，已经记下了，我这边安排处理，有结果马上告诉您。");
                break;
            default:
                text.Append("【可不回复】这条看起来不需要机器人回答。");
                if (!string.IsNullOrWhiteSpace(decision.Reply)) text.Append("如需回复：\n").Append(decision.Reply);
                break;
        }

        text.Append("\n——\n判断：").Append(decision.Label).Append(CultureInfo.InvariantCulture, $"（把握 {decision.Confidence:P0}）")
            .Append('\n').Append(ReportHint);
        return text.ToString();
    }

    /// <summary><c>代报</c>: opens a work order for the last forwarded question on the resident's behalf.</summary>
    public async Task<string> ReportAsync(CommandContext context, string? resident)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Sender is not { } staff || context.Group is not { } group || context.Area is not { } area) return CommandHandler.GroupOnly;
        var value = await store.Db.StringGetAsync(LastKey(staff.Id));
        if (value.IsNull) return "没有可以登记的问题：请先把居民的问题转发给我（两小时内有效），再回复“代报”。";
        var last = JsonSerializer.Deserialize((string)value!, CopilotJson.Default.ForwardedQuestion)!;
        if (last.GroupId != group.Id) group = await directory.GetGroupAsync(last.GroupId) ?? group;

        var (name, phone) = Resident(resident);
        var label = Decision.Family(last.Label) == "escalate" ? last.Label : Decision.Consult;
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(last.Channel + ":" + last.MessageId)))[..10];

        // The resident is not reachable by the bot: the order is theirs, its news goes to the manager who reported it.
        var report = new InboundMessage("copilot-" + hash, last.Channel, group.Id, $"relay:{staff.Id}:{hash}", name + (phone is null ? "" : "（" + phone + "）"),
            last.Question, MentionsBot: true, null, last.At);
        var decision = new Decision(label, null, 1, null) { Reason = "copilot:on-behalf" };
        var intakeResult = await intake.ReportAsync(report, last.Question, group, area, decision, customer: null, relayVia: staff.Id);
        if (intakeResult.Order is not { } order)
        {
            // The group's hourly cap of new orders is reached (EscalationLimits): nothing was opened.
            return $"“{group.Name}”这一小时内新开工单已达上限，这条没有登记；请稍后再回复“代报”，急事请拨打95598。";
        }

        if (intakeResult.Outcome == IntakeOutcome.Opened && order.OwnerId != staff.Id)
        {
            await messages.PageOwnerAsync(order, "page", critical: false);
        }

        await store.Db.KeyDeleteAsync(LastKey(staff.Id));
        Log.Reported(logger, order.Id, staff.Id);
        return $"已替{name}登记{WorkOrder.TypeName(order.Type)}工单 {order.Id}，办结时限{WorkOrderText.Time(order.Deadline, order.TimeZone)}。"
            + "处理进展和结果会私信发给您，请转告居民。";
    }

    private static (string Name, string? Phone) Resident(string? text)
    {
        var parts = (text ?? "").Split([' ', '\u3000'], StringSplitOptions.RemoveEmptyEntries);
        var phone = parts.FirstOrDefault(p => Mobile().IsMatch(p));
        var name = string.Join(' ', parts.Where(p => p != phone));
        return (name.Length > 0 ? name : "居民", phone);
    }

    private static string LabelName(string label) => label switch
    {
        Decision.Repair => "报修",
        Decision.Complaint => "投诉",
        _ => "咨询",
    };

    [GeneratedRegex(@"^1[3-9]\d{9}$")]
    private static partial Regex Mobile();

    private static partial class Log
    {
        [LoggerMessage(EventIds.Copilot, LogLevel.Information, "Copilot: a forwarded question ({MessageId}) decided {Label} ({Confidence:0.00})")]
        public static partial void Answered(ILogger logger, string messageId, string label, double confidence);

        [LoggerMessage(EventIds.Copilot + 1, LogLevel.Information, "Copilot: work order {OrderId} opened on a resident's behalf by {StaffId}")]
        public static partial void Reported(ILogger logger, string orderId, string staffId);
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(ForwardedQuestion))]
internal sealed partial class CopilotJson : System.Text.Json.Serialization.JsonSerializerContext;
