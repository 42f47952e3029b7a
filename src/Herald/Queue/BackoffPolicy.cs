using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Herald.Queue;

/// <summary>Looks up the parsed <see cref="BackoffSchedule"/> of a kind.</summary>
public sealed class BackoffPolicy(IOptions<QueueOptions> options)
{
    private readonly ConcurrentDictionary<string, BackoffSchedule> _schedules = new(StringComparer.Ordinal);

    public BackoffSchedule For(string kind) => _schedules.GetOrAdd(kind, static (k, o) =>
        BackoffSchedule.Parse(o.Backoff.TryGetValue(k, out var text) ? text : o.DefaultBackoff), options.Value);
}
