using Herald.Queue;
using Herald.Queue.Periodic;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Receipts;

/// <summary>
/// Refuses a signed webhook that is stale or replayed, as Mailgun advises: its timestamp must be
/// within <see cref="Freshness"/> of now, and its one-time token must not have been seen before.
/// Tokens are kept in the database, so a replay to another node is refused too, for at least
/// twice the freshness window (after which the timestamp alone refuses it); a periodic task, not
/// each webhook, deletes the older ones, so concurrent webhooks never wait on each other's deletes.
/// </summary>
public sealed class WebhookReplayGuard(HeraldDatabase database, TimeProvider time) : IQueueHandler
{
    public static readonly TimeSpan Freshness = TimeSpan.FromMinutes(15);

    public const int MaxNonceLength = 256;

    public const string KindName = "receipts.purge-nonces";

    /// <summary>Every five minutes.</summary>
    public static readonly PeriodicTask Schedule = new(KindName, "*/5 * * * *", KindName);

    public string Kind => KindName;

    public bool IsFresh(DateTimeOffset signedAt) => (time.GetUtcNow() - signedAt).Duration() <= Freshness;

    /// <summary>
    /// Records the nonce in the caller's transaction, so that a webhook whose processing fails is
    /// not refused as a replay when the provider sends it again.
    /// </summary>
    /// <returns>False when the nonce was already used (a replay) or cannot be a nonce.</returns>
    public async Task<bool> TryUseAsync(HeraldDbContext context, string provider, string nonce, CancellationToken cancellationToken)
    {
        if (nonce.Length is 0 or > MaxNonceLength)
        {
            return false;
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var inserted = await context.Database.ExecuteSqlAsync(
            $"INSERT INTO webhook_nonces (provider, nonce, received_at) VALUES ({provider}, {nonce}, {now}) ON CONFLICT (provider, nonce) DO NOTHING",
            cancellationToken);
        return inserted == 1;
    }

    /// <summary>Deletes the tokens whose webhooks the timestamp check refuses by now anyway.</summary>
    public async Task<QueueHandlerResult> HandleAsync(QueueItem item, CancellationToken cancellationToken)
    {
        var expired = time.GetUtcNow().ToUnixTimeMilliseconds() - (long)(2 * Freshness).TotalMilliseconds;
        await using var context = database.CreateContext();
        await context.Database.ExecuteSqlAsync($"DELETE FROM webhook_nonces WHERE received_at < {expired}", cancellationToken);
        return QueueHandlerResult.Completed;
    }
}
