using System.ComponentModel.DataAnnotations;

namespace GridService.Core.Storage;

/// <summary>Where data lives. With no <c>ConnectionStrings:Redis</c> an embedded Garnet is started.</summary>
public sealed class StoreOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Store";

    /// <summary>Directory for the embedded store's append-only log and checkpoints.</summary>
    [Required]
    public string DataDirectory { get; set; } = "data";

    /// <summary>Prefix of every key; tests use a unique one per test.</summary>
    [Required, RegularExpression("^[a-z0-9:-]{1,32}$")]
    public string KeyPrefix { get; set; } = "gs";

    /// <summary>
    /// For command-line tools: when a running host holds the embedded data folder, use its store rather than
    /// refusing (a host never sets this: two hosts on one folder would corrupt it).
    /// </summary>
    public bool AttachToRunningHost { get; set; }

    /// <summary>
    /// How many replicas must confirm a queued item (Redis <c>WAIT</c>) before it is acknowledged to its sender (an
    /// inbound 202, a queued notice). 0 (default) does not wait: Redis replicates asynchronously, so a master that dies
    /// within a millisecond of a write may take it with it. 1 with Sentinel or Cluster replicas: an acknowledged item
    /// survives the failover; a write no replica confirmed in time fails, and the sender retries.
    /// </summary>
    [Range(0, 5)]
    public int ReplicaAcks { get; set; }

    /// <summary>How long to wait for <see cref="ReplicaAcks"/> replicas.</summary>
    public TimeSpan ReplicaAckTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Loopback port for the embedded store; 0 picks a free one.</summary>
    [Range(0, 65535)]
    public int EmbeddedPort { get; set; }
}
