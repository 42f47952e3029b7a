using System.ComponentModel.DataAnnotations;

namespace Herald.Queue;

/// <summary>The durable queue's settings (configuration section <c>Queue</c>, env <c>HERALD_QUEUE__*</c>).</summary>
public sealed class QueueOptions
{
    public const string Section = "Queue";

    /// <summary>Most items claimed in one transaction. Default 500.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 500;

    /// <summary>
    /// Most handlers running at once in this process. Default 256: a delivery handler holds its
    /// place while its send record waits for a shared commit, so with 64 a drain was bound by
    /// commit waits rather than by CPU or providers (docs/performance.md).
    /// </summary>
    [Range(1, 10_000)]
    public int HandlerConcurrency { get; set; } = 256;

    /// <summary>Most items claimed and not yet completed in this process. Default 2,000.</summary>
    [Range(1, 100_000)]
    public int MaxInFlight { get; set; } = 2_000;

    /// <summary>
    /// How long a claim lasts. A live process renews the leases of the items it holds every third
    /// of this, however long they wait for a handler or run; a process that dies holding items frees
    /// them after at most this long. Retry delays are run_at values, not leases, so this only bounds
    /// crash recovery. Default 60 s.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Fallback poll when no wake-up arrives (wake-ups come from commits in this process and
    /// PostgreSQL NOTIFY); also how late a delayed retry may start. Default 5 s.
    /// </summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>On shutdown, how long running handlers may go on before they are cancelled. Default 10 s.</summary>
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the backlog gauge (<c>herald.queue.items</c>) counts the queue. Default 15 s.</summary>
    public TimeSpan BacklogSampleInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Schedule for kinds not listed in <see cref="Backoff"/>: 5 retries 5 minutes apart.</summary>
    public string DefaultBackoff { get; set; } = "5*5m";

    /// <summary>
    /// Backoff per kind (see <see cref="BackoffSchedule"/>). Defaults: email and SMS delivery one
    /// immediate retry then 48 retries 5 minutes apart (about 4 hours); receipts and service
    /// callbacks 5 retries 5 minutes apart.
    /// </summary>
    public Dictionary<string, string> Backoff { get; set; } = new(StringComparer.Ordinal)
    {
        ["delivery.email"] = "0s,48*5m",
        ["delivery.sms"] = "0s,48*5m",
        ["receipts.process"] = "5*5m",
        ["callbacks.deliver"] = "5*5m",
    };
}
