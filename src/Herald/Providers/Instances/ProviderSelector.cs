namespace Herald.Providers.Instances;

/// <summary>
/// Weighted random choice among a channel's active instances (for an international SMS, among
/// those that take international numbers). A channel with no instances at all uses the capture
/// dev inbox; one whose instances are all inactive (or all weigh 0 and none takes the message)
/// has no provider, and the delivery is retried until an operator turns one back on.
/// </summary>
public sealed class ProviderSelector(ProviderDirectory directory, Random random)
{
    public async ValueTask<ProviderInstance> PickAsync(string channel, bool international, CancellationToken cancellationToken) =>
        Pick(await directory.CurrentAsync(cancellationToken), channel, international);

    public ProviderInstance Pick(ProviderSet set, string channel, bool international)
    {
        var configured = set.ForChannel(channel).ToList();
        if (configured.Count == 0)
        {
            return set.Capture;
        }

        var candidates = configured.Where(i => i.Active && i.Takes(international)).ToList();
        if (candidates.Count == 0)
        {
            throw new ProviderException(ProviderFailureKind.Retryable,
                international ? $"no active {channel} provider takes international numbers" : $"no active {channel} provider");
        }

        var total = candidates.Sum(c => c.Priority);
        if (total == 0)
        {
            return candidates[random.Next(candidates.Count)];
        }

        var roll = random.Next(total);
        foreach (var candidate in candidates)
        {
            if (roll < candidate.Priority)
            {
                return candidate;
            }

            roll -= candidate.Priority;
        }

        return candidates[^1];
    }
}
