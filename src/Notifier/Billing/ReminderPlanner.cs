using System.Diagnostics;
using GridService.Core.Billing;
using GridService.Core.Grid;
using GridService.Core.Storage;
using GridService.Notifier.Audiences;
using GridService.Notifier.Managers;
using GridService.Notifier.Scheduling;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Billing;

/// <summary>
/// Decides which billing messages fell due and queues them; it never sends. A stage falls due on its day
/// (settlement day + n for reminders, due day + the overdue age for the disconnection notice) at the send time;
/// only bills still owing get it, so a payment stops the stages after it. When two stages of a bill fall due in one
/// window (a Notifier catching up) only the later goes. Bills imported after a stage's send time get that stage the
/// same day (late); a stage whose day ended before its bills arrived is reported, never dropped silently. Each bill
/// is planned and rendered on its own: one that cannot be rendered is kept with its reason and the run goes on.
/// Bills stream from Redis a page at a time, pages are planned in parallel, and each page's messages go to the
/// outbox in one pipelined batch.
/// </summary>
public sealed partial class ReminderPlanner(
    RedisStore store,
    GridDirectory directory,
    BillingStore billing,
    PreferenceStore preferences,
    BillingMessages messages,
    BillingPolicy policy,
    Outbox outbox,
    DisconnectionReceipts receipts,
    ManagerAlerts alerts,
    IOptions<BillingOptions> options,
    ILogger<ReminderPlanner> logger)
{
    /// <summary>The job's name for locks, watermarks and logs.</summary>
    public const string JobName = "billing-reminders";

    private const int PageSize = 1_000;

    private readonly BillingOptions _options = options.Value;
    private readonly IReadOnlyList<ReminderStage> _stages = ReminderStage.From(options.Value);
    private readonly TimeZoneInfo _zone = Zones.Find(options.Value.TimeZone);

    /// <summary>When <paramref name="stage"/> falls due for bills settled (or due) on <paramref name="day"/>.</summary>
    public DateTimeOffset DueAt(ReminderStage stage, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(stage);
        return Zones.At(day.AddDays(stage.Days), _options.SendAt, _zone);
    }

    /// <summary>Queues what fell due in <paramref name="window"/>, and what late imports brought today.</summary>
    /// <param name="window">The window to decide.</param>
    /// <param name="cancellationToken">Stops the run; what was queued stays queued and the next run repeats the window.</param>
    /// <param name="parallelism">Pages in flight at once; twice the processor count by default, so one page renders while another waits on Redis.</param>
    public async Task<ReminderReport> RunAsync(ScheduleWindow window, CancellationToken cancellationToken, int? parallelism = null)
    {
        var report = new ReminderReport();
        IReadOnlyDictionary<string, AreaStaff>? areas = null;
        foreach (var (period, dates) in (await billing.PeriodsAsync(window.To, cancellationToken)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var due = await DueStagesAsync(period, dates, window, report);
            if (due.BySettled.Count == 0 && due.ByDue.Count == 0) continue;
            Log.PeriodDue(logger, period, string.Join(", ", due.BySettled.Values.Concat(due.ByDue.Values).Select(s => s.Name).Distinct()));
            areas ??= await AreaStaff.LoadAsync(directory);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? 2 * Environment.ProcessorCount, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(directory.BillsAsync(period, cancellationToken).Chunk(PageSize), parallel,
                async (page, _) => await ProcessPageAsync(page, due, areas, window.To, report));
            await billing.MarkStageRunsAsync(period, due.Keys, window.To);
        }

        if (report.TooLate > 0) Log.TooLate(logger, report.TooLate, window.LastRun, window.From);
        if (!report.HeldNotices.IsEmpty) await alerts.HeldAsync([.. report.HeldNotices]);
        if (report.Considered > 0 || report.Missed > 0) Log.Ran(logger, report.ToString());
        return report;
    }

    /// <summary>
    /// Tries the kept failures again (an operator fixed the records): each goes now if it renders and the bill still
    /// owes, is forgotten if the bill was paid, and stays kept otherwise. Returns how many were queued.
    /// </summary>
    public async Task<int> RetryFailuresAsync(DateTimeOffset now)
    {
        var report = new ReminderReport();
        var areas = await AreaStaff.LoadAsync(directory);
        foreach (var failure in await billing.FailuresAsync())
        {
            var stage = _stages.FirstOrDefault(s => s.Name == failure.Stage);
            var bill = await directory.GetBillAsync(failure.AccountNo, failure.Period);
            if (stage is null || bill is null || bill.Outstanding <= 0)
            {
                await billing.ForgetFailureAsync(failure);
                continue;
            }

            var due = stage.FromDueDay ? new Due([], new() { [bill.DueOn] = stage }, []) : new Due(new() { [bill.SettledOn] = stage }, [], []);
            await billing.ForgetFailureAsync(failure); // a new failure is kept again by the page
            await ProcessPageAsync([bill], due, areas, now, report);
        }

        if (!report.HeldNotices.IsEmpty) await alerts.HeldAsync([.. report.HeldNotices]);
        return (int)report.Queued;
    }

    private sealed record Due(Dictionary<DateOnly, ReminderStage> BySettled, Dictionary<DateOnly, ReminderStage> ByDue, List<string> Keys);

    private static string StageKey(ReminderStage stage, DateOnly day) => $"{stage.Name}|{day:yyyy-MM-dd}";

    // Stages are in day order, so a later stage due in the same window replaces an earlier one for the same day.
    private async Task<Due> DueStagesAsync(string period, PeriodDates dates, ScheduleWindow window, ReminderReport report)
    {
        var due = new Due([], [], []);
        var runs = dates.ImportedAt is null ? null : await billing.StageRunsAsync(period);
        var today = Zones.LocalDate(window.To, _zone);
        var missed = new List<string>();
        foreach (var stage in _stages)
        {
            foreach (var day in stage.FromDueDay ? dates.Due : dates.Settled)
            {
                var at = DueAt(stage, day);
                var key = StageKey(stage, day);
                if (window.Contains(at))
                {
                    Add(stage, day, key);
                }
                else if (window.IsTooLate(at))
                {
                    report.TooLate++;
                }
                else if (at <= window.To && dates.ImportedAt is { } imported && imported > at && runs is not null
                         && (!runs.TryGetValue(key, out var ran) || imported > ran))
                {
                    // Bills arrived after this stage's send time: today they still get it; after its day, it is reported.
                    if (Zones.LocalDate(at, _zone) == today)
                    {
                        Add(stage, day, key);
                        report.AddLate();
                    }
                    else if (!runs.TryGetValue(key + "|missed", out var reported) || imported > reported)
                    {
                        missed.Add(key + "|missed");
                        report.AddMissed();
                        Log.Missed(logger, period, stage.Name, day, at, imported);
                    }
                }
            }
        }

        if (missed.Count > 0 && dates.ImportedAt is { } importedAt) await billing.MarkStageRunsAsync(period, missed, importedAt);
        return due;

        void Add(ReminderStage stage, DateOnly day, string key)
        {
            (stage.FromDueDay ? due.ByDue : due.BySettled)[day] = stage;
            due.Keys.Add(key);
        }
    }

    private async Task ProcessPageAsync(Bill[] page, Due due, IReadOnlyDictionary<string, AreaStaff> areas, DateTimeOffset now, ReminderReport report)
    {
        var work = page.Where(b => due.BySettled.ContainsKey(b.SettledOn) || due.ByDue.ContainsKey(b.DueOn)).ToList();
        if (work.Count == 0) return;
        var started = Stopwatch.GetTimestamp();
        var owing = work.Where(b => b.Outstanding > 0).ToList();
        var accounts = owing.Select(b => b.AccountNo).ToList();
        var customersTask = directory.GetCustomersAsync(accounts);
        var preferencesTask = preferences.GetManyAsync(accounts);

        // Only bills whose disconnection notice is due need to know whether it was decided already and whether it is the first.
        var noticing = owing.Where(b => due.ByDue.ContainsKey(b.DueOn)).Select(b => b.AccountNo).ToList();
        var decidedTask = noticing.Count == 0 ? Task.FromResult<bool[]>([]) : billing.DisconnectionDecidedAsync(owing[0].Period, noticing);
        var historyTask = noticing.Count == 0 ? Task.FromResult<bool[]>([]) : billing.HadDisconnectionNoticeAsync(noticing);
        var customers = await customersTask;
        var prefs = await preferencesTask;
        var decided = Index(noticing, await decidedTask);
        var noticedBefore = Index(noticing, await historyTask);

        var read = Stopwatch.GetTimestamp();
        var plan = new PagePlan(owing.Count);
        for (var i = 0; i < owing.Count; i++)
        {
            var bill = owing[i];
            if (customers[i] is not { } customer || !areas.TryGetValue(customer.AreaId, out var area))
            {
                plan.Unknown++;
                continue;
            }

            if (due.BySettled.TryGetValue(bill.SettledOn, out var reminder)) PlanReminder(plan, reminder, bill, customer, area, prefs[i], now);
            if (due.ByDue.TryGetValue(bill.DueOn, out var disconnection) && !decided.Contains(bill.AccountNo))
            {
                PlanDisconnection(plan, disconnection, bill, customer, area, prefs[i], first: !noticedBefore.Contains(bill.AccountNo), now);
            }
        }

        var rendered = Stopwatch.GetTimestamp();
        var queued = await outbox.EnqueueManyAsync(plan.Outgoing);
        await RecordAsync(plan, now);
        report.AddTimes(read - started, rendered - read, Stopwatch.GetTimestamp() - rendered);
        foreach (var hold in plan.Holds)
        {
            Log.Held(logger, Masking.MaskAccount(hold.AccountNo), hold.Period, hold.Why);
            report.HeldNotices.Add(hold);
        }

        foreach (var failure in plan.Failures) Log.Failed(logger, Masking.MaskAccount(failure.AccountNo), failure.Period, failure.Stage, failure.Reason);
        report.Add(work.Count, queued, plan.Outgoing.Count - queued, work.Count - owing.Count, plan.Skipped.Count, plan.Holds.Count,
            plan.Outgoing.Count(m => m.NotBefore is not null), plan.Unknown, plan.Failures.Count);
    }

    private void PlanReminder(PagePlan plan, ReminderStage stage, Bill bill, Customer customer, AreaStaff area, RecipientPreferences? prefs, DateTimeOffset now)
    {
        try
        {
            var model = messages.Model(customer, bill, area, now);
            if (messages.Compose(stage.Name, stage.Template, customer, model, area, prefs, Urgency.Normal, now) is { } message) plan.Outgoing.Add(message);
            else plan.Skipped.Add(messages.Envelope(stage.Name, stage.Template, customer, bill.Period, prefs, area.Area.TimeZone, now));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            plan.Failures.Add(new BillingFailure(bill.AccountNo, bill.Period, stage.Name, Describe(ex), now));
        }
    }

    private void PlanDisconnection(
        PagePlan plan, ReminderStage stage, Bill bill, Customer customer, AreaStaff area, RecipientPreferences? prefs, bool first, DateTimeOffset now)
    {
        try
        {
            var decision = policy.Disconnection(customer, first);
            if (decision.Hold)
            {
                plan.Holds.Add(new HeldNotice(bill.AccountNo, bill.Period, customer.AreaId, bill.Outstanding, decision.Why, now));
                return;
            }

            var disconnectAt = now + _options.Disconnection.NoticePeriod;
            var model = messages.Model(customer, bill, area, now) with { DisconnectAt = disconnectAt, Gentle = decision.Gentle };
            plan.Outgoing.Add(messages.Compose(stage.Name, stage.Template, customer, model, area, prefs, Urgency.Mandatory, now)!);
            plan.Noticed.Add(new DisconnectionReceipt(bill.AccountNo, bill.Period, customer.AreaId, now, disconnectAt));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            plan.Failures.Add(new BillingFailure(bill.AccountNo, bill.Period, stage.Name, Describe(ex), now));
        }
    }

    // A template error names the template and line; the record's own text (a name, an address) is masked and cut short.
    private static string Describe(Exception ex)
    {
        var text = Masking.MaskText($"{ex.GetType().Name}: {ex.Message}");
        return text.Length <= 300 ? text : text[..300] + "…";
    }

    private async Task RecordAsync(PagePlan plan, DateTimeOffset now)
    {
        foreach (var skipped in plan.Skipped) outbox.Statuses.Skipped(skipped, "opted out: the customer turned reminders off");
        if (plan.Failures.Count > 0)
        {
            await billing.RecordFailuresAsync(plan.Failures);
            await Task.WhenAll(plan.Failures.Select(f => outbox.Statuses.SetAsync(new DeliveryRecord(
                ReminderStage.MessageId(f.AccountNo, f.Period, f.Stage), "?", "c:" + Masking.MaskAccount(f.AccountNo), f.Stage,
                BillingMessages.RunId(f.Period, f.Stage), DeliveryState.Dead, 0, "not rendered: " + f.Reason, now))));
        }

        if (plan.Holds.Count == 0 && plan.Noticed.Count == 0) return;
        var batch = store.Db.CreateBatch();
        var writes = plan.Holds.Select(h => billing.HoldAsync(batch, h))
            .Concat(plan.Noticed.Select(n => billing.RecordDisconnectionAsync(batch, n.Period, n.AccountNo, new DisconnectionRecord(n.NoticedAt, n.DisconnectAt))))
            .Concat(plan.Noticed.Select(n => billing.RecordHistoryAsync(batch, n.Period, n.AccountNo))).ToList();
        batch.Execute();
        await Task.WhenAll(writes);
        foreach (var receipt in plan.Noticed) await receipts.AwaitAsync(receipt);
    }

    private static HashSet<string> Index(List<string> accounts, bool[] flags) =>
        [.. accounts.Where((_, i) => flags[i])];

    // What one page decided, before anything is written.
    private sealed class PagePlan(int capacity)
    {
        public List<OutboundMessage> Outgoing { get; } = new(capacity);

        public List<OutboundMessage> Skipped { get; } = [];

        public List<HeldNotice> Holds { get; } = [];

        public List<DisconnectionReceipt> Noticed { get; } = [];

        public List<BillingFailure> Failures { get; } = [];

        public long Unknown { get; set; }
    }

    private static partial class Log
    {
        [LoggerMessage(EventIds.Billing, LogLevel.Information, "Billing period {Period}: due now: {Stages}")]
        public static partial void PeriodDue(ILogger logger, string period, string stages);

        [LoggerMessage(EventIds.Billing + 1, LogLevel.Warning, "{Count} billing stage days fell due between {LastRun:u} and {From:u}, while no Notifier ran, and are past the catch-up horizon: skipped")]
        public static partial void TooLate(ILogger logger, int count, DateTimeOffset lastRun, DateTimeOffset from);

        [LoggerMessage(EventIds.Billing + 2, LogLevel.Information, "Billing reminders: {Report}")]
        public static partial void Ran(ILogger logger, string report);

        [LoggerMessage(EventIds.Billing + 3, LogLevel.Warning, "Disconnection notice for account {Account} ({Period}) held for a person to decide ({Why})")]
        public static partial void Held(ILogger logger, string account, string period, string why);

        [LoggerMessage(EventIds.Billing + 4, LogLevel.Error, "Billing message {Stage} for account {Account} ({Period}) could not be produced and is kept for an operator (billing failed): {Reason}")]
        public static partial void Failed(ILogger logger, string account, string period, string stage, string reason);

        [LoggerMessage(EventIds.Billing + 5, LogLevel.Warning, "Billing period {Period}: {Stage} for bills settled or due {Day} was due at {At:u}, but bills of the period were imported at {ImportedAt:u}, after that day ended: not sent to them; the next stage still goes")]
        public static partial void Missed(ILogger logger, string period, string stage, DateOnly day, DateTimeOffset at, DateTimeOffset importedAt);
    }
}
