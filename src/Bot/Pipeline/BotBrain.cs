using GridService.Bot.Knowledge;
using GridService.Bot.Llm;
using GridService.Bot.Misses;
using GridService.Bot.WorkOrders;
using GridService.Core.Grid;
using GridService.Core.Security;

namespace GridService.Bot.Pipeline;

/// <summary>What the bot says back, and what kind of line it is.</summary>
/// <param name="Text">The reply.</param>
/// <param name="Kind">answer, escalation, workorder-created, smalltalk...</param>
/// <param name="Decision">What the engine decided.</param>
/// <param name="IdSuffix">Appended to the reply's id when the bot already posted another reply to the message.</param>
public sealed record BotReply(string Text, string Kind, Decision Decision, string IdSuffix = "");

/// <summary>
/// Decides and answers a customer's message with the area's live data; keeps what it could not answer for the
/// manager's digest; sends personal data only in private. Escalations open or join a work order: the reply carries
/// its number and the owner is paged once per order. A hazard's safety advice goes out first, before anything that
/// could fail.
/// </summary>
public sealed class BotBrain(
    DecisionEngine engine, IAnswerRefiner refiner, GridDirectory directory, MissLog misses, Outbox outbox, WorkOrderIntake intake,
    WorkOrderMessages workOrders, PrivateRoutes routes, DecisionLog decisions, TurnMemory turns, IConfiguration configuration,
    TimeProvider time)
{
    // How far back the balance answer looks for bills still owing.
    private const int BalanceMonths = 24;

    // The late fee rate is the billing setting the Notifier's reminders quote (Billing:LateFeeDailyRate); 0: none quoted.
    private readonly decimal _lateFeeRate = configuration.GetValue<decimal>("Billing:LateFeeDailyRate");

    /// <summary>Confidence below which an answer is also recorded as a miss, so the knowledge base can grow.</summary>
    public const double LowConfidence = 0.6;

    private const string BalanceTopic = "billing.balance-query";

    // The learned engine's reason for a message it could not place that is not about power.
    private const string SilentDropReason = "model:not-power";

    /// <summary>The line a sender gets, once an hour, when they or their group have opened as many orders as allowed.</summary>
    public const string LimitReply = "您反映的情况已经登记，工作人员正在处理，这一小时内不再重复登记新工单，请耐心等待。紧急情况请直接拨打95598（24小时）。";

    /// <summary>
    /// A message not addressed to the bot, or sent while answering is switched off: only a hazard is acted on (the
    /// safety reply, an urgent order and a page); anything else is left alone. Returns the reply, or null.
    /// </summary>
    public async Task<BotReply?> HazardOnlyAsync(InboundMessage message, string text, ChatGroup group, Area area)
    {
        ArgumentNullException.ThrowIfNull(message);
        var decision = engine.Decide(text);
        if (!IsSafety(decision)) return null;
        var customer = await directory.CustomerByChatUserAsync(message.SenderId);
        return await EscalateAsync(message, text, group, area, decision, customer);
    }

    /// <summary>True for a hazard decision (its reason is <c>safety:&lt;kind&gt;</c>).</summary>
    public static bool IsSafety(Decision decision) => decision?.Reason?.StartsWith("safety:", StringComparison.Ordinal) ?? false;

    /// <summary>The reply to post, or null to stay quiet.</summary>
    public async Task<BotReply?> AnswerAsync(InboundMessage message, string text, ChatGroup group, Area area, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var manager = await directory.GetStaffAsync(area.ManagerId);
        var outages = await directory.NoticesOfAreaAsync(area.Id, now);
        var customer = await directory.CustomerByChatUserAsync(message.SenderId);
        var zone = Zones.Find(area.TimeZone);
        var bill = customer is null ? null : await directory.GetBillAsync(customer.AccountNo, BillingPeriod.Current(now, zone));
        var context = AnswerContext.For(area, manager, outages, message.IsPrivate, customer, bill) with
        {
            Unpaid = customer is null ? null : await UnpaidAsync(customer, now, zone),
        };
        // A short follow-up ("那在哪办") is read with the same sender's question of the last few minutes in this chat.
        var previous = await turns.PreviousAsync(message);
        var engineDecision = engine.Decide(text, context, previous);
        await turns.RememberAsync(message, engineDecision);

        // The optional LLM may rephrase or pick among the retrieved entries; without configuration it changes nothing.
        var decision = await refiner.RefineAsync(text, engineDecision, context, cancellationToken);
        // A miss: escalated for want of an answer, answered on low confidence, changed by the LLM, or dropped in
        // silence (addressed to the bot, no short line to give, and the model unsure it is not ours).
        var missed = engineDecision.Label == "escalate:consult"
            || (engineDecision.Label.StartsWith("answer:", StringComparison.Ordinal) && engineDecision.Confidence < LowConfidence)
            || (engineDecision.Label == Decision.None && string.IsNullOrEmpty(engineDecision.Reply)
                && (engineDecision.Reason == SilentDropReason || engineDecision.Confidence < LowConfidence))
            || !ReferenceEquals(decision, engineDecision);
        if (missed) await misses.AddAsync(new Miss(now, area.Id, group.Id, text, decision.Label, decision.Confidence));
        await decisions.RecordAsync(message, area, decision, missed);

        if (decision.Topic == BalanceTopic && !message.IsPrivate && customer is not null)
        {
            // The figures go to the customer alone; the group only learns that a private message was sent, or, where
            // no channel reaches them privately (a group robot, an AI bot on callbacks), where to look instead.
            if (routes.ToCustomer(message, group) is not { } privateChannel) return new BotReply(PrivateRoutes.NoPrivateReach, "answer", decision);
            var privately = engine.Decide(text, context with { IsPrivate = true }, previous);
            await outbox.EnqueueAsync(new OutboundMessage(
                BotMessageIds.ReplyTo(message) + "-dm", privateChannel, "", message.SenderId, privately.Reply ?? "", "private-reply",
                message.MessageId, Critical: false, now));
        }

        if (decision.Label.StartsWith("escalate:", StringComparison.Ordinal))
        {
            return await EscalateAsync(message, text, group, area, decision, customer);
        }

        if (string.IsNullOrWhiteSpace(decision.Reply)) return null;
        var kind = decision.Label switch
        {
            "escalate:repair" when decision.Confidence >= 1 => "safety",
            var l when l.StartsWith("escalate:", StringComparison.Ordinal) => "escalation",
            "none" => "smalltalk",
            _ => "answer",
        };

        // The AI bot's answers carry 👍/👎: a 👎 makes this answer a miss (AnswerFeedback), so keep what it answered.
        if (kind == "answer" && message.Channel == ChannelNames.WeComAiBot)
        {
            await misses.RememberAnswerAsync(BotMessageIds.ReplyTo(message), new Miss(now, area.Id, group.Id, text, decision.Label, decision.Confidence));
        }

        return new BotReply(decision.Reply, kind, decision);
    }

    // Every bill still owing, whatever its period: the balance answer lists them all with their late fees. Null when
    // the account has no bills at all (the answer then says none were found rather than "nothing owed").
    private async Task<IReadOnlyList<UnpaidBill>?> UnpaidAsync(Customer customer, DateTimeOffset now, TimeZoneInfo zone)
    {
        var today = Zones.LocalDate(now, zone);
        var bills = await directory.BillsOfAccountAsync(customer.AccountNo, Zones.Local(now, zone).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), BalanceMonths);
        if (bills.Count == 0) return null;
        return [.. bills.Where(b => b.Outstanding > 0).Select(b => new UnpaidBill(b, LateFees.OverdueDays(b, today),
            _lateFeeRate > 0 ? LateFees.Accrued(b, today, _lateFeeRate) : null))];
    }

    private async Task<BotReply?> EscalateAsync(InboundMessage message, string text, ChatGroup group, Area area, Decision decision, Customer? customer)
    {
        var safety = IsSafety(decision);
        if (safety && !string.IsNullOrWhiteSpace(decision.Reply))
        {
            await outbox.EnqueueAsync(MessagePipeline.GroupReply(message, group, decision.Reply, "safety", time.GetUtcNow()));
        }

        var report = await intake.ReportAsync(message, text, group, area, decision, customer);
        if (report.Order is not { } order)
        {
            // Past the limit: the safety advice (if any) went out; the sender hears once, the manager gets one line.
            if (report.Refusal is not { First: true } refusal) return null;
            var scope = refusal.Scope == "sender" ? $"{DisplayText.Name(message.SenderName)}（{message.SenderId}）" : $"“{group.Name}”";
            await workOrders.ToStaffAsync(area.ManagerId, $"limit-{group.Id}-{refusal.Scope}-{message.Channel}-{message.MessageId}",
                $"【提醒】{scope}这一小时内新开工单已达{refusal.Limit}张上限，之后的反映不再开新工单（安全提示照常发送）。" +
                $"最新一条：{Masking.MaskText(text)}", "workorder-limit");
            return new BotReply(LimitReply, "escalation-limited", decision, safety ? "-wo" : "");
        }

        WorkOrderMetrics.Escalated(order, report.Outcome);
        if (report.Outcome == IntakeOutcome.Opened)
        {
            await workOrders.PageOwnerAsync(order, "page", critical: order.Priority == WorkOrderPriority.Urgent);
        }

        var reply = await workOrders.CreatedReplyAsync(order, report.Asker);
        return new BotReply(reply, "workorder-created", decision, safety ? "-wo" : "");
    }
}
