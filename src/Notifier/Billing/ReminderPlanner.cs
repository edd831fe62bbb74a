using GridService.Core.Grid;
using GridService.Core.Storage;
using GridService.Notifier.Audiences;
using GridService.Notifier.Scheduling;
using Microsoft.Extensions.Options;

namespace GridService.Notifier.Billing;

/// <summary>
/// Decides which billing messages fell due in a window and queues them; it never sends. A stage falls due on its
/// day (settlement day + n for reminders, due day + the overdue age for the disconnection notice) at the send time;
/// only bills still owing get it, so a payment stops the stages after it. When two stages of a bill fall due in one
/// window (a Notifier catching up) only the later goes. Bills stream from Redis a page at a time, pages are
/// rendered in parallel, and each page's messages go to the outbox in one pipelined batch.
/// </summary>
public sealed partial class ReminderPlanner(
    RedisStore store,
    GridDirectory directory,
    BillingStore billing,
    PreferenceStore preferences,
    BillingMessages messages,
    BillingPolicy policy,
    Outbox outbox,
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

    /// <summary>Queues what fell due in <paramref name="window"/>.</summary>
    /// <param name="window">The window to decide.</param>
    /// <param name="cancellationToken">Stops the run; what was queued stays queued and the next run repeats the window.</param>
    /// <param name="parallelism">Pages in flight at once; twice the processor count by default, so one page renders while another waits on Redis.</param>
    public async Task<ReminderReport> RunAsync(ScheduleWindow window, CancellationToken cancellationToken, int? parallelism = null)
    {
        var report = new ReminderReport();
        IReadOnlyDictionary<string, AreaStaff>? areas = null;
        foreach (var (period, dates) in (await billing.PeriodsAsync(window.To, cancellationToken)).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            var due = DueStages(dates, window, report);
            if (due.BySettled.Count == 0 && due.ByDue.Count == 0) continue;
            Log.PeriodDue(logger, period, string.Join(", ", due.BySettled.Values.Concat(due.ByDue.Values).Select(s => s.Name).Distinct()));
            areas ??= await AreaStaff.LoadAsync(directory);
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = parallelism ?? 2 * Environment.ProcessorCount, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(directory.BillsAsync(period, cancellationToken).Chunk(PageSize), parallel,
                async (page, _) => await ProcessPageAsync(page, due, areas, window.To, report));
        }

        if (report.TooLate > 0) Log.TooLate(logger, report.TooLate, window.LastRun, window.From);
        if (report.Considered > 0) Log.Ran(logger, report.ToString());
        return report;
    }

    private sealed record Due(Dictionary<DateOnly, ReminderStage> BySettled, Dictionary<DateOnly, ReminderStage> ByDue);

    // Stages are in day order, so a later stage due in the same window replaces an earlier one for the same day.
    private Due DueStages(PeriodDates dates, ScheduleWindow window, ReminderReport report)
    {
        var due = new Due([], []);
        foreach (var stage in _stages)
        {
            foreach (var day in stage.FromDueDay ? dates.Due : dates.Settled)
            {
                var at = DueAt(stage, day);
                if (window.Contains(at)) (stage.FromDueDay ? due.ByDue : due.BySettled)[day] = stage;
                else if (window.IsTooLate(at)) report.TooLate++;
            }
        }

        return due;
    }

    private async Task ProcessPageAsync(Bill[] page, Due due, IReadOnlyDictionary<string, AreaStaff> areas, DateTimeOffset now, ReminderReport report)
    {
        var work = page.Where(b => due.BySettled.ContainsKey(b.SettledOn) || due.ByDue.ContainsKey(b.DueOn)).ToList();
        if (work.Count == 0) return;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var owing = work.Where(b => b.Outstanding > 0).ToList();
        var accounts = owing.Select(b => b.AccountNo).ToList();
        var customersTask = directory.GetCustomersAsync(accounts);
        var preferencesTask = preferences.GetManyAsync(accounts);
        var customers = await customersTask;
        var prefs = await preferencesTask;

        var read = System.Diagnostics.Stopwatch.GetTimestamp();
        var outgoing = new List<OutboundMessage>(owing.Count);
        var holds = new List<HeldNotice>();
        var noticed = new List<(string Period, string Account, DisconnectionRecord Record)>();
        long optedOut = 0, unknown = 0;
        for (var i = 0; i < owing.Count; i++)
        {
            var bill = owing[i];
            if (customers[i] is not { } customer || !areas.TryGetValue(customer.AreaId, out var area))
            {
                unknown++;
                continue;
            }

            var model = messages.Model(customer, bill, area, now);
            if (due.BySettled.TryGetValue(bill.SettledOn, out var reminder))
            {
                if (messages.Compose(reminder.Name, reminder.Template, customer, model, area, prefs[i], Urgency.Normal, now) is { } message) outgoing.Add(message);
                else optedOut++;
            }

            if (due.ByDue.TryGetValue(bill.DueOn, out var disconnection))
            {
                if (policy.IsHeld(customer))
                {
                    holds.Add(new HeldNotice(bill.AccountNo, bill.Period, customer.AreaId, bill.Outstanding, $"{customer.Segment}/{customer.Credit}".ToLowerInvariant(), now));
                    continue;
                }

                var disconnectAt = now + _options.Disconnection.NoticePeriod;
                var notice = messages.Compose(disconnection.Name, disconnection.Template, customer, model with { DisconnectAt = disconnectAt }, area,
                    prefs[i], Urgency.Mandatory, now)!;
                outgoing.Add(notice);
                noticed.Add((bill.Period, bill.AccountNo, new DisconnectionRecord(now, disconnectAt)));
            }
        }

        var rendered = System.Diagnostics.Stopwatch.GetTimestamp();
        var queued = await outbox.EnqueueManyAsync(outgoing);
        await RecordAsync(holds, noticed);
        report.AddTimes(read - started, rendered - read, System.Diagnostics.Stopwatch.GetTimestamp() - rendered);
        foreach (var hold in holds) Log.Held(logger, Masking.MaskAccount(hold.AccountNo), hold.Period, hold.Why);
        report.Add(work.Count, queued, outgoing.Count - queued, work.Count - owing.Count, optedOut, holds.Count,
            outgoing.Count(m => m.NotBefore is not null), unknown);
    }

    private async Task RecordAsync(List<HeldNotice> holds, List<(string Period, string Account, DisconnectionRecord Record)> noticed)
    {
        if (holds.Count == 0 && noticed.Count == 0) return;
        var batch = store.Db.CreateBatch();
        var writes = holds.Select(h => billing.HoldAsync(batch, h))
            .Concat(noticed.Select(n => billing.RecordDisconnectionAsync(batch, n.Period, n.Account, n.Record))).ToList();
        batch.Execute();
        await Task.WhenAll(writes);
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
    }
}
