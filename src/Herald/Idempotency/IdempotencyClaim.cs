using Herald.Notifications;
using Herald.NotifyFormat;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Idempotency;

/// <summary>
/// This request's hold on a key while it sends. <see cref="StoreAnswer"/> is written with the
/// notification; disposing gives the key back unless <see cref="Committed"/> was called.
/// </summary>
public sealed class IdempotencyClaim : IAsyncDisposable
{
    private readonly IdempotencyKeys _keys;
    private bool _committed;

    internal IdempotencyClaim(IdempotencyKeys keys, Guid serviceId, string key, Guid token)
    {
        _keys = keys;
        ServiceId = serviceId;
        Key = key;
        Token = token;
    }

    internal Guid ServiceId { get; }

    internal string Key { get; }

    internal Guid Token { get; }

    /// <summary>Set once the claim is over, committed or given back.</summary>
    internal TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The answer to store in the notification's own commit (<see cref="NotificationWriter"/>).</summary>
    public INotificationWriteCompanion StoreAnswer(int statusCode, byte[] body, Guid notificationId) =>
        new StoredAnswer(this, statusCode, body, notificationId);

    /// <summary>The notification and its answer are committed: the key stays taken.</summary>
    public void Committed() => _committed = true;

    public ValueTask DisposeAsync() => _keys.ReleaseAsync(this, _committed);

    private sealed class StoredAnswer(IdempotencyClaim claim, int statusCode, byte[] body, Guid notificationId) : INotificationWriteCompanion
    {
        public async Task WriteAsync(HeraldDbContext context, CancellationToken cancellationToken)
        {
            var stored = await context.IdempotencyKeys
                .Where(k => k.ServiceId == claim.ServiceId && k.Key == claim.Key && k.Token == claim.Token && k.ResponseStatus == null)
                .ExecuteUpdateAsync(u => u
                    .SetProperty(k => k.ResponseStatus, (int?)statusCode)
                    .SetProperty(k => k.ResponseBody, body)
                    .SetProperty(k => k.NotificationId, (Guid?)notificationId), cancellationToken);
            if (stored == 0)
            {
                // This request was so slow that its claim counted as abandoned and another request
                // took the key: that one sends, so this one's notification must not commit.
                throw new NotifyApiException(409, "ConflictError",
                    $"{IdempotencyKeys.Header} {claim.Key} was taken over by another request while this one was being processed");
            }
        }
    }
}
