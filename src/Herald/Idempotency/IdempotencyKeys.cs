using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using Herald.NotifyFormat;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Herald.Idempotency;

/// <summary>
/// Idempotent sends: the first request with a service's <c>Idempotency-Key</c> claims the key
/// with a pending row (an insert that does nothing when the row exists), and its 201 is stored
/// in that row by the same transaction that commits its notification, so a notification and its
/// stored answer exist together or not at all. A later request with the key and the same body is
/// given that answer again; one with another body is refused 409; one that finds the key still
/// pending waits for it (up to <see cref="IdempotencyOptions.Wait"/>, then 409). A send that
/// fails gives the key back, so only a 201 is ever remembered. Keys last <see cref="Window"/>.
/// </summary>
public sealed partial class IdempotencyKeys(HeraldDatabase database, IOptions<IdempotencyOptions> options, TimeProvider time, ILogger<IdempotencyKeys> logger)
{
    public const string Header = "Idempotency-Key";

    /// <summary>Set on an answer given again, not made by this request.</summary>
    public const string ReplayedHeader = "Idempotent-Replayed";

    public const int MaxKeyLength = 255;

    /// <summary>How long a key's first answer is kept and given again, from its first request.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    private static readonly TimeSpan FirstPause = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan LongestPause = TimeSpan.FromMilliseconds(250);

    /// <summary>This node's claims being sent, so a duplicate here wakes when the first finishes instead of polling.</summary>
    private readonly ConcurrentDictionary<(Guid ServiceId, string Key), TaskCompletionSource> _inFlight = new();

    /// <summary>The key of the header's values: one value of 1 to 255 printable ASCII characters, else Notify's 400.</summary>
    public static string Validate(StringValues values)
    {
        if (values.Count != 1)
        {
            throw NotifyApiException.Validation([$"{Header} must be given once"]);
        }

        var key = values[0] ?? "";
        if (key.Length is 0 or > MaxKeyLength || !key.All(c => c is >= ' ' and <= '~'))
        {
            throw NotifyApiException.Validation([$"{Header} must be 1 to {MaxKeyLength} printable ASCII characters"]);
        }

        return key;
    }

    /// <summary>SHA-256 of the raw request body, as it came: another byte is another request.</summary>
    public static byte[] Hash(ReadOnlySpan<byte> body) => SHA256.HashData(body);

    /// <summary>
    /// The key's stored answer to give again, or a claim on it for this request to send under.
    /// Throws 409 for a key used with another body, or still pending after the wait.
    /// </summary>
    public async Task<IdempotencyStart> BeginAsync(Guid serviceId, string key, byte[] requestHash, CancellationToken cancellationToken)
    {
        // Waiting is measured on the real clock; the rows' ages on the TimeProvider.
        var waited = Stopwatch.StartNew();
        var wait = options.Value.Wait;
        var pause = FirstPause;
        while (true)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var token = Guid.NewGuid();
            if (await TryInsertAsync(serviceId, key, requestHash, now, token, cancellationToken))
            {
                var claim = new IdempotencyClaim(this, serviceId, key, token);
                _inFlight[(serviceId, key)] = claim.Finished;
                return new IdempotencyStart(null, claim);
            }

            var found = await FindAsync(serviceId, key, cancellationToken);
            if (found is not null && found.ResponseStatus is null && found.CreatedAt <= now - options.Value.AbandonedAfter)
            {
                // Its request died mid-send: nothing was committed under it (the answer commits
                // with the notification), so the key is free. The dead claim's token is deleted,
                // never a newer one.
                LogAbandoned(logger, serviceId, key, found.CreatedAt);
                await DeleteAsync(serviceId, key, found.Token, pendingOnly: true, cancellationToken);
                found = null;
            }
            else if (found is not null && found.CreatedAt <= now - Window)
            {
                // Expired and not purged yet: a new request.
                await DeleteAsync(serviceId, key, found.Token, pendingOnly: false, cancellationToken);
                found = null;
            }

            if (found is not null && !found.RequestHash.AsSpan().SequenceEqual(requestHash))
            {
                throw new NotifyApiException(409, "ConflictError",
                    $"{Header} {key} was used with a different request in the last 24 hours: use a new key for a new request");
            }

            if (found?.ResponseStatus is { } status)
            {
                return new IdempotencyStart(new StoredResponse(status, found.ResponseBody ?? []), null);
            }

            var left = wait - waited.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new NotifyApiException(409, "ConflictError", $"A request with {Header} {key} is still being processed: try again later");
            }

            // Gone since the insert (given back, expired): claim again at once. Else pending: wait.
            if (found is not null)
            {
                await PauseAsync(serviceId, key, pause < left ? pause : left, left, cancellationToken);
                pause = pause * 2 < LongestPause ? pause * 2 : LongestPause;
            }
        }
    }

    /// <summary>Gives the key back unless the send committed (then its answer is stored), and wakes this node's duplicates.</summary>
    internal async ValueTask ReleaseAsync(IdempotencyClaim claim, bool committed)
    {
        try
        {
            if (!committed)
            {
                await DeleteAsync(claim.ServiceId, claim.Key, claim.Token, pendingOnly: true, CancellationToken.None);
            }
        }
        catch (Exception ex)
        {
            // The pending row stays until it counts as abandoned; no notification was sent under it.
            LogReleaseFailed(logger, ex, claim.ServiceId, claim.Key, options.Value.AbandonedAfter);
        }
        finally
        {
            _inFlight.TryRemove(new KeyValuePair<(Guid, string), TaskCompletionSource>((claim.ServiceId, claim.Key), claim.Finished));
            claim.Finished.TrySetResult();
        }
    }

    /// <summary>
    /// Runs <paramref name="write"/>, in a transaction on SQLite so that it queues at the write
    /// gate with Herald's other writers instead of meeting them as SQLITE_BUSY.
    /// </summary>
    internal static async Task<int> WriteAsync(HeraldDatabase database, HeraldDbContext context, Func<Task<int>> write, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Sqlite)
        {
            return await write();
        }

        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var result = await write();
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private async Task<bool> TryInsertAsync(Guid serviceId, string key, byte[] requestHash, DateTime now, Guid token, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var inserted = await WriteAsync(database, context, () => context.Database.ExecuteSqlAsync(
            $"""
            INSERT INTO idempotency_keys (service_id, "key", request_hash, created_at, token)
            VALUES ({serviceId}, {key}, {requestHash}, {now}, {token})
            ON CONFLICT (service_id, "key") DO NOTHING
            """,
            cancellationToken), cancellationToken);
        return inserted == 1;
    }

    private async Task<IdempotencyKeyRecord?> FindAsync(Guid serviceId, string key, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.IdempotencyKeys.AsNoTracking().FirstOrDefaultAsync(k => k.ServiceId == serviceId && k.Key == key, cancellationToken);
    }

    private async Task DeleteAsync(Guid serviceId, string key, Guid token, bool pendingOnly, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var rows = context.IdempotencyKeys.Where(k => k.ServiceId == serviceId && k.Key == key && k.Token == token);
        if (pendingOnly)
        {
            rows = rows.Where(k => k.ResponseStatus == null);
        }

        await WriteAsync(database, context, () => rows.ExecuteDeleteAsync(cancellationToken), cancellationToken);
    }

    /// <summary>Until this node's claim on the key finishes, or a short poll when another node holds it.</summary>
    private async Task PauseAsync(Guid serviceId, string key, TimeSpan poll, TimeSpan left, CancellationToken cancellationToken)
    {
        if (_inFlight.TryGetValue((serviceId, key), out var local))
        {
            try
            {
                await local.Task.WaitAsync(left, cancellationToken);
            }
            catch (TimeoutException)
            {
                // The wait is over: the caller answers 409.
            }

            return;
        }

        await Task.Delay(poll, cancellationToken);
    }

    [LoggerMessage(9701, LogLevel.Warning, "The claim on Idempotency-Key {Key} of service {ServiceId}, pending since {ClaimedAt:o}, was abandoned; the key is given to a new request")]
    private static partial void LogAbandoned(ILogger logger, Guid serviceId, string key, DateTime claimedAt);

    [LoggerMessage(9702, LogLevel.Warning, "Giving back Idempotency-Key {Key} of service {ServiceId} after a failed send failed; the key is free again after {AbandonedAfter}")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, Guid serviceId, string key, TimeSpan abandonedAfter);
}

/// <summary>What <see cref="IdempotencyKeys.BeginAsync"/> found: an answer to give again, or a claim to send under.</summary>
public sealed record IdempotencyStart(StoredResponse? Replay, IdempotencyClaim? Claim);

/// <summary>A key's first response: its status code and body, byte for byte.</summary>
public sealed record StoredResponse(int StatusCode, byte[] Body);
