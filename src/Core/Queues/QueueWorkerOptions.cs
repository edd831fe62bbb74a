using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GridService.Core.Queues;

/// <summary>Tuning of a <see cref="QueueWorker"/> (section <c>Queues:&lt;name&gt;</c>).</summary>
public sealed class QueueWorkerOptions
{
    /// <summary>How long a taken item is leased before another worker may reclaim it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Longest wait between polls when no wake-up arrives.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often expired leases are reclaimed.</summary>
    public TimeSpan ReclaimInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts before an item is dead-lettered.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay before the first retry; doubles with each attempt.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Parallel consumers in this process; 0 runs none (an ingress-only node that only accepts and queues).</summary>
    public int Concurrency { get; set; } = 2;

    /// <summary>Every bad value of one queue's options, named by its setting (a poll interval of 0 would spin).</summary>
    public IEnumerable<string> Problems(string section)
    {
        if (Lease < TimeSpan.FromSeconds(1)) yield return F($"{section}:Lease must be at least 00:00:01 (was {Lease}).");
        if (PollInterval < TimeSpan.FromMilliseconds(10) || PollInterval > TimeSpan.FromMinutes(1))
        {
            yield return F($"{section}:PollInterval must be between 00:00:00.010 and 00:01:00 (was {PollInterval}).");
        }

        if (ReclaimInterval < TimeSpan.FromMilliseconds(100)) yield return F($"{section}:ReclaimInterval must be at least 00:00:00.1 (was {ReclaimInterval}).");
        if (MaxAttempts is < 1 or > 100) yield return F($"{section}:MaxAttempts must be between 1 and 100 (was {MaxAttempts}).");
        if (RetryBaseDelay < TimeSpan.Zero) yield return F($"{section}:RetryBaseDelay must not be negative (was {RetryBaseDelay}).");
        if (Concurrency is < 0 or > 256) yield return F($"{section}:Concurrency must be between 0 and 256 (was {Concurrency}).");
    }

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}

/// <summary>Registers named queue options, validated at start.</summary>
public static class QueueWorkerOptionsExtensions
{
    /// <summary>Binds the options of queue <paramref name="queueName"/> to <paramref name="section"/> and checks them at start-up.</summary>
    public static IServiceCollection AddQueueWorkerOptions(this IServiceCollection services, string queueName, IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        services.AddOptions<QueueWorkerOptions>(queueName).Bind(section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<QueueWorkerOptions>>(new Validator(queueName, section.Path));
        return services;
    }

    private sealed class Validator(string name, string path) : IValidateOptions<QueueWorkerOptions>
    {
        public ValidateOptionsResult Validate(string? optionsName, QueueWorkerOptions options)
        {
            if (optionsName != name) return ValidateOptionsResult.Skip;
            var problems = options.Problems(path).ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
