using GridService.Core.Chat;
using GridService.Notifier.Billing;
using GridService.Notifier.Managers;
using GridService.Notifier.Scheduling;
using GridService.Notifier.Tests.Notices;

namespace GridService.Notifier.Tests.Billing;

/// <summary>Steps of the billing tests: import, pay, fire the job as Quartz would, and read what was sent.</summary>
internal static class Billing
{
    public static readonly TimeSpan China = TimeSpan.FromHours(8);

    public const string BillHeader = "account_no,period,amount,paid,settled_on,due_on";

    public static DateTimeOffset Local(int month, int day, int hour, int minute = 0, int year = 2026) => new(year, month, day, hour, minute, 0, China);

    public static async Task ImportBillsAsync(TestNotifier notifier, TempCsv files, params string[] rows)
    {
        var path = files.Write($"bills-{Guid.NewGuid():N}.csv", [BillHeader, .. rows]);
        var result = await notifier.Get<BillImporter>().ImportAsync(path, new ImportProgress(TextWriter.Null, false), dryRun: false, CancellationToken.None);
        Assert.True(result.Ok, string.Join("\n", result.Errors.Select(e => e.Message)));
    }

    public static async Task PayAsync(TestNotifier notifier, TempCsv files, string row)
    {
        var path = files.Write($"payments-{Guid.NewGuid():N}.csv", "payment_id,account_no,period,amount,paid_at", row);
        var result = await notifier.Get<PaymentImporter>().ImportAsync(path, new ImportProgress(TextWriter.Null, false), dryRun: false, CancellationToken.None);
        Assert.True(result.Ok, string.Join("\n", result.Errors.Select(e => e.Message)));
    }

    /// <summary>One firing of the billing job (planner and the end-of-day reconnection check); the planner's report.</summary>
    public static async Task<ReminderReport?> RunJobAsync(TestNotifier notifier)
    {
        ReminderReport? report = null;
        await notifier.Get<ScheduledRun>().RunAsync(ReminderPlanner.JobName, async (window, ct) =>
        {
            report = await notifier.Get<ReminderPlanner>().RunAsync(window, ct);
            return (int)report.Queued + await notifier.Get<ReconnectionService>().AlertNotRestoredAsync(window.To);
        }, CancellationToken.None);
        return report;
    }

    /// <summary>One firing of the digest job.</summary>
    public static Task<bool> RunDigestAsync(TestNotifier notifier) =>
        notifier.Get<ScheduledRun>().RunAsync(ManagerDigest.JobName, notifier.Get<ManagerDigest>().RunAsync, CancellationToken.None);

    /// <summary>Moves the clock to <paramref name="at"/>, fires the job and takes what is due.</summary>
    public static async Task<ReminderReport?> TickAsync(TestNotifier notifier, DateTimeOffset at)
    {
        notifier.Time.SetUtcNow(at);
        var report = await RunJobAsync(notifier);
        await notifier.DeliverAsync();
        return report;
    }

    public static bool Has(TestNotifier notifier, string account, string period, string stage) =>
        notifier.Sent.Any(s => s.Message.Id == ReminderStage.MessageId(account, period, stage));

    public static (OutboundMessage Message, DateTimeOffset TakenAt) Sent(TestNotifier notifier, string account, string period, string stage)
    {
        var sent = Assert.Single(notifier.Sent, s => s.Message.Id == ReminderStage.MessageId(account, period, stage));
        return (sent.Message, sent.TakenAt.ToOffset(China));
    }
}
