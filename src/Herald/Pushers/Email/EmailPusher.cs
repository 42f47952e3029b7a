using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Herald.Notifications;
using Herald.Providers;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Herald.Pushers.Email;

/// <summary>
/// One pass of an email pusher: reads the newest unread notifications, asks the throttle, and
/// either sends ONE digest with all of them or says when to look again.
/// </summary>
public sealed partial class EmailPusher(
    HeraldDatabase database,
    PushActionQueries actionQueries,
    DigestMailer mailer,
    DigestTemplates templates,
    UnsubscribeTokens unsubscribe,
    IOptions<EmailPusherOptions> options,
    IOptions<NotificationOptions> notificationOptions,
    TimeProvider time,
    ILogger<EmailPusher> logger)
{
    private readonly EmailThrottle _throttle = new(options.Value);

    /// <summary>Runs one pass for the pusher.</summary>
    public async Task<EmailPass> ProcessAsync(Guid pusherId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var pusher = await context.Pushers.FirstOrDefaultAsync(p => p.Id == pusherId && p.Kind == PusherKinds.Email, cancellationToken);
        if (pusher is null || !pusher.Enabled)
        {
            return EmailPass.Gone;
        }

        // Read before the unread notifications: whatever is posted in between is still ahead of it.
        var maxSeen = await PushStream.CurrentAsync(context, pusher.ServiceId, cancellationToken);
        var unread = await UnreadAsync(pusher, cancellationToken);
        if (unread.Count == 0)
        {
            // Nothing to mail: move past what was read or not notifiable, so the next pass scans less.
            if (maxSeen > pusher.LastStreamOrdering)
            {
                pusher.LastStreamOrdering = maxSeen;
                await context.SaveChangesAsync(cancellationToken);
            }

            return EmailPass.Idle;
        }

        var rooms = unread.Select(n => n.RoomId).Distinct(StringComparer.Ordinal).ToList();
        var throttles = await context.PusherThrottles.Where(t => t.PusherId == pusher.Id && rooms.Contains(t.RoomId)).ToListAsync(cancellationToken);
        var previous = await PreviousActivityAsync(context, pusher, unread, cancellationToken);
        var now = time.GetUtcNow();
        var decision = _throttle.Decide(
            unread,
            throttles.ToDictionary(t => t.RoomId, t => new RoomThrottle(DateTimeOffset.FromUnixTimeMilliseconds(t.LastSentTs), TimeSpan.FromMilliseconds(t.ThrottleMs)), StringComparer.Ordinal),
            previous,
            now);
        if (decision.Reason is not { } reason)
        {
            var wakeAt = decision.WakeAt!.Value;
            Log.NotYetDue(logger, pusher.Id, unread.Count, wakeAt);
            return new EmailPass(EmailPassOutcome.Waiting, wakeAt);
        }

        var lastOrdering = unread.Max(n => n.StreamOrdering);
        string provider;
        try
        {
            provider = await mailer.SendAsync(Message(pusher, unread, reason, lastOrdering), cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            Log.SendFailed(logger, ex, pusher.Id);
            pusher.FailingSince ??= now.ToUnixTimeMilliseconds();
            await context.SaveChangesAsync(cancellationToken);
            return new EmailPass(EmailPassOutcome.Failed, now + options.Value.RetryAfterFailure);
        }

        pusher.LastStreamOrdering = lastOrdering;
        pusher.LastSuccess = now.ToUnixTimeMilliseconds();
        pusher.FailingSince = null;
        foreach (var (room, throttle) in _throttle.AfterSending(unread, now))
        {
            var record = throttles.FirstOrDefault(t => t.RoomId == room);
            if (record is null)
            {
                record = new PusherThrottleRecord { PusherId = pusher.Id, RoomId = room };
                context.PusherThrottles.Add(record);
            }

            record.LastSentTs = throttle.LastSentAt.ToUnixTimeMilliseconds();
            record.ThrottleMs = (long)throttle.Throttle.TotalMilliseconds;
        }

        await context.SaveChangesAsync(cancellationToken);
        Log.DigestSent(logger, pusher.Id, unread.Count, rooms.Count, provider);
        return EmailPass.Sent;
    }

    private EmailMessage Message(PusherRecord pusher, IReadOnlyList<UnreadNotification> unread, UnreadNotification reason, long lastOrdering)
    {
        var o = options.Value;
        var link = $"{o.PublicUrl.TrimEnd('/')}{EmailUnsubscribeApi.Path}?token={unsubscribe.Create(pusher.Id)}";
        var digest = DigestBuilder.Build(Brand(pusher.Data) ?? o.AppName, unread, reason, link);
        var (html, text) = templates.Render(digest);
        var from = o.From ?? $"notifications@{notificationOptions.Value.EmailFromDomain}";
        return new EmailMessage(MessageId(pusher.Id, lastOrdering), from, pusher.Pushkey, digest.Subject, html, text, link);
    }

    /// <summary>The same pusher and last ordering give the same id, so a digest resent after a crash is recognisable by its Message-ID.</summary>
    private static Guid MessageId(Guid pusherId, long lastOrdering) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"{pusherId:N}:{lastOrdering}")).AsSpan(0, 16));

    private static string? Brand(string data)
    {
        try
        {
            using var document = JsonDocument.Parse(data);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("brand", out var brand)
                && brand.ValueKind == JsonValueKind.String
                && brand.GetString() is { Length: > 0 } name ? name : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
