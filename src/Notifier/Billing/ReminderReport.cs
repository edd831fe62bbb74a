using System.Collections.Concurrent;

namespace GridService.Notifier.Billing;

/// <summary>What one reminder run did, for logs and the benchmark. Thread-safe counters.</summary>
public sealed class ReminderReport
{
    private long _considered;
    private long _queued;
    private long _repeats;
    private long _paid;
    private long _optedOut;
    private long _held;
    private long _deferred;
    private long _unknownCustomer;
    private long _failed;
    private long _late;
    private long _missed;

    /// <summary>Bills with a stage due in the window.</summary>
    public long Considered => Interlocked.Read(ref _considered);

    /// <summary>Messages newly queued.</summary>
    public long Queued => Interlocked.Read(ref _queued);

    /// <summary>Messages already queued by an earlier run (same idempotency key).</summary>
    public long Repeats => Interlocked.Read(ref _repeats);

    /// <summary>Bills already paid: no message.</summary>
    public long Paid => Interlocked.Read(ref _paid);

    /// <summary>Customers who opted out of reminders.</summary>
    public long OptedOut => Interlocked.Read(ref _optedOut);

    /// <summary>Disconnection notices held for a person to decide.</summary>
    public long Held => Interlocked.Read(ref _held);

    /// <summary>Messages waiting for quiet hours to end.</summary>
    public long Deferred => Interlocked.Read(ref _deferred);

    /// <summary>Bills whose customer or area is missing from the directory.</summary>
    public long UnknownCustomer => Interlocked.Read(ref _unknownCustomer);

    /// <summary>Messages that could not be produced (a record that does not render): kept for an operator, the run went on.</summary>
    public long Failed => Interlocked.Read(ref _failed);

    /// <summary>Stage days decided after their send time because their bills were imported late (sent today).</summary>
    public long Late => Interlocked.Read(ref _late);

    /// <summary>Stage days whose day ended before their bills were imported: reported, not sent.</summary>
    public long Missed => Interlocked.Read(ref _missed);

    /// <summary>The notices this run held for a person to decide (their managers are alerted).</summary>
    public ConcurrentBag<HeldNotice> HeldNotices { get; } = [];

    internal void AddLate() => Interlocked.Increment(ref _late);

    internal void AddMissed() => Interlocked.Increment(ref _missed);

    private long _readTicks;
    private long _renderTicks;
    private long _queueTicks;

    /// <summary>Time spent reading customers and preferences, summed over parallel pages.</summary>
    public TimeSpan ReadTime => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _readTicks));

    /// <summary>Time spent deciding and rendering, summed over parallel pages.</summary>
    public TimeSpan RenderTime => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _renderTicks));

    /// <summary>Time spent queueing, summed over parallel pages.</summary>
    public TimeSpan QueueTime => System.Diagnostics.Stopwatch.GetElapsedTime(0, Interlocked.Read(ref _queueTicks));

    internal void AddTimes(long read, long render, long queue)
    {
        Interlocked.Add(ref _readTicks, read);
        Interlocked.Add(ref _renderTicks, render);
        Interlocked.Add(ref _queueTicks, queue);
    }

    /// <summary>Stage days that fell due while no Notifier ran, past the catch-up horizon: skipped.</summary>
    public int TooLate { get; set; }

    internal void Add(long considered, long queued, long repeats, long paid, long optedOut, long held, long deferred, long unknown, long failed = 0)
    {
        Interlocked.Add(ref _failed, failed);
        Interlocked.Add(ref _considered, considered);
        Interlocked.Add(ref _queued, queued);
        Interlocked.Add(ref _repeats, repeats);
        Interlocked.Add(ref _paid, paid);
        Interlocked.Add(ref _optedOut, optedOut);
        Interlocked.Add(ref _held, held);
        Interlocked.Add(ref _deferred, deferred);
        Interlocked.Add(ref _unknownCustomer, unknown);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"{Considered} bills due, {Queued} queued ({Deferred} after quiet hours), {Repeats} already queued, {Paid} paid, " +
        $"{OptedOut} opted out, {Held} held, {UnknownCustomer} unknown customer, {Failed} not rendered (billing failed), " +
        $"{Late} stage days sent late after a late import, {Missed} missed (imported after their day), {TooLate} stage days too late";
}
