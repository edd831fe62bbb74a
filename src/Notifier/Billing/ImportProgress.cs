using System.Diagnostics;
using System.Globalization;

namespace GridService.Notifier.Billing;

/// <summary>
/// Progress of a long import on stderr: a line rewritten in place on a terminal, a line every few seconds when
/// stderr is a file or pipe, so logs stay readable.
/// </summary>
public sealed class ImportProgress(TextWriter error, bool interactive)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly TimeSpan _every = interactive ? TimeSpan.FromMilliseconds(250) : TimeSpan.FromSeconds(5);
    private TimeSpan _last = TimeSpan.Zero;
    private string _phase = "";

    /// <summary>Starts a phase (e.g. <c>checking bills.csv</c>).</summary>
    public void Begin(string phase)
    {
        _phase = phase;
        _clock.Restart();
        _last = TimeSpan.Zero;
    }

    /// <summary>Reports the rows done so far; writes only when it is time to.</summary>
    public void Report(long rows)
    {
        if (_clock.Elapsed - _last < _every) return;
        _last = _clock.Elapsed;
        Write(rows, done: false);
    }

    /// <summary>Ends the phase with its final count.</summary>
    public void End(long rows) => Write(rows, done: true);

    private void Write(long rows, bool done)
    {
        var seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        var line = string.Create(CultureInfo.InvariantCulture, $"{_phase}: {rows:N0} rows, {rows / seconds:N0} rows/s, {seconds:N1} s{(done ? " - done" : "")}");
        if (interactive) error.Write("\r" + line + (done ? Environment.NewLine : "   "));
        else error.WriteLine(line);
    }
}
