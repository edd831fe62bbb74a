namespace GridService.Core.Hosting;

/// <summary>
/// Work a host finishes after it answers <c>/healthz</c> (reading or training the decision model): the host accepts and
/// queues traffic meanwhile. <see cref="MemoryTrim"/> waits for it before giving start-up memory back.
/// </summary>
public interface IStartupWork
{
    /// <summary>Completes when the work is done (failed work is reported by its owner, not here).</summary>
    Task Completion { get; }
}
