using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace GridService.Notifier.Scheduling;

/// <summary>The Quartz schedules (section <c>Scheduling</c>).</summary>
public sealed class SchedulingOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Scheduling";

    /// <summary>False runs no scheduled jobs in this process (e.g. an API-only Notifier).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often each job looks for what fell due; it also runs once at start-up to catch up.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How late a scheduled message may still go after a Notifier was down: what fell due longer ago is skipped
    /// (and logged), because a reminder days late no longer helps.
    /// </summary>
    public TimeSpan CatchUpHorizon { get; set; } = TimeSpan.FromDays(2);

    /// <summary>
    /// The lease on a job's Redis lock: a run renews it every third of this while it lasts, so a long run keeps the job
    /// and a Notifier killed mid-run frees it within this time for another (or itself, restarted) to run.
    /// </summary>
    public TimeSpan LockTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Quartz scheduler name; with a clustered AdoJobStore every Notifier must use the same one.</summary>
    public string SchedulerName { get; set; } = "gridservice-notifier";

    /// <summary>
    /// Where Quartz keeps its triggers: <see cref="SchedulingStore.Memory"/> (each process its own, the Redis lock
    /// serialising the runs) or <see cref="SchedulingStore.Postgres"/> (one clustered store: each trigger fires on one
    /// Notifier). Postgres needs <c>ConnectionStrings:Scheduling</c>.
    /// </summary>
    public SchedulingStore Store { get; set; } = SchedulingStore.Memory;

    /// <summary>The PostgreSQL connection string (Npgsql syntax), from <c>ConnectionStrings:Scheduling</c>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Prefix of Quartz's tables in PostgreSQL (lower case: letters, digits, underscores).</summary>
    public string TablePrefix { get; set; } = "qrtz_";

    /// <summary>How often a clustered Notifier records in PostgreSQL that it is alive.</summary>
    public TimeSpan CheckinInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long past a missed check-in the other Notifiers wait before taking over a dead one's firings.</summary>
    public TimeSpan CheckinMisfireThreshold { get; set; } = TimeSpan.FromSeconds(20);
}

/// <summary>Where Quartz keeps its triggers.</summary>
public enum SchedulingStore
{
    /// <summary>Quartz's in-memory store, one per process.</summary>
    Memory,

    /// <summary>Quartz's clustered AdoJobStore on PostgreSQL, shared by every Notifier.</summary>
    Postgres,
}

/// <summary>Names every bad <see cref="SchedulingOptions"/> value.</summary>
public sealed partial class SchedulingOptionsValidator : IValidateOptions<SchedulingOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SchedulingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Interval < TimeSpan.FromSeconds(1) || options.Interval > TimeSpan.FromHours(1))
        {
            errors.Add($"Scheduling:Interval {options.Interval} must be between 00:00:01 and 01:00:00.");
        }

        if (options.CatchUpHorizon < options.Interval) errors.Add($"Scheduling:CatchUpHorizon {options.CatchUpHorizon} must be at least the interval {options.Interval}.");
        if (options.LockTime < TimeSpan.FromSeconds(5)) errors.Add($"Scheduling:LockTime {options.LockTime} must be at least 00:00:05.");
        if (string.IsNullOrWhiteSpace(options.SchedulerName)) errors.Add("Scheduling:SchedulerName is required.");
        if (options.Store == SchedulingStore.Postgres) ValidatePostgres(options, errors);
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void ValidatePostgres(SchedulingOptions options, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            errors.Add("Scheduling:Store is postgres but ConnectionStrings:Scheduling is empty (e.g. \"Host=127.0.0.1;Port=5432;Database=gridservice;Username=gridservice;Password=...\").");
        }
        else
        {
            try
            {
                var builder = new NpgsqlConnectionStringBuilder(options.ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.Host)) errors.Add("ConnectionStrings:Scheduling names no Host.");
                if (string.IsNullOrWhiteSpace(builder.Database)) errors.Add("ConnectionStrings:Scheduling names no Database.");
            }
            catch (ArgumentException ex)
            {
                errors.Add($"ConnectionStrings:Scheduling is not a PostgreSQL connection string: {ex.Message}");
            }
        }

        if (!TablePrefixPattern().IsMatch(options.TablePrefix))
        {
            errors.Add($"Scheduling:TablePrefix '{options.TablePrefix}' must be lower-case letters, digits and underscores (at most 20).");
        }

        if (options.CheckinInterval < TimeSpan.FromSeconds(1)) errors.Add($"Scheduling:CheckinInterval {options.CheckinInterval} must be at least 00:00:01.");
        if (options.CheckinMisfireThreshold < options.CheckinInterval)
        {
            errors.Add($"Scheduling:CheckinMisfireThreshold {options.CheckinMisfireThreshold} must be at least the check-in interval {options.CheckinInterval}.");
        }

        if (options.Interval.TotalMilliseconds % 1 != 0) errors.Add($"Scheduling:Interval {options.Interval} must be whole milliseconds.");
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]{0,19}$")]
    private static partial Regex TablePrefixPattern();
}
