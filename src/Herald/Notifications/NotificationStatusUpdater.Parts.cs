using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Notifications;

public sealed partial class NotificationStatusUpdater
{
    private static readonly string[] PartFailures = [NotificationStatus.PermanentFailure, NotificationStatus.TemporaryFailure, NotificationStatus.TechnicalFailure];

    /// <summary>
    /// Applies one part's receipt to a notification sent as several parts. A part's status is
    /// guarded as a notification's is; the notification is then delivered once every part is,
    /// fails as soon as any part fails (permanent before temporary before technical: the message
    /// cannot arrive whole), and otherwise stays on its way. False when the part's status had moved
    /// past this one (a duplicate or late receipt).
    /// </summary>
    public async Task<bool> ApplyPartAsync(Guid notificationId, int part, string status, DateTime at, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            // The parts' receipts come together and run on several workers: one at a time per
            // notification, so that the last part's sees every other part's status. (SQLite has
            // one writer: its transactions already run one at a time.)
            await context.Database.ExecuteSqlInterpolatedAsync($"SELECT 1 FROM notifications WHERE id = {notificationId} FOR UPDATE", cancellationToken);
        }

        var from = NotificationStatus.IsFinal(status) ? Changeable : ChangeableToInFlight;
        var changed = await context.NotificationParts
            .Where(p => p.NotificationId == notificationId && p.Part == part && (p.Status == null || from.Contains(p.Status)))
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.Status, status), cancellationToken);
        if (changed == 0)
        {
            LogPartIgnored(logger, part, notificationId, status);
            return false;
        }

        var parts = await context.NotificationParts.Where(p => p.NotificationId == notificationId).Select(p => p.Status).ToListAsync(cancellationToken);
        if (StatusOfParts(parts, status) is { } derived)
        {
            await ApplyAsync(context, notificationId, derived, at, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    /// <summary>The notification's status from its parts'; null when it stays as it is (some parts delivered, others not yet).</summary>
    internal static string? StatusOfParts(IReadOnlyList<string?> parts, string latest)
    {
        if (PartFailures.FirstOrDefault(parts.Contains) is { } failure)
        {
            return failure;
        }

        if (parts.All(p => p == NotificationStatus.Delivered))
        {
            return NotificationStatus.Delivered;
        }

        return NotificationStatus.IsFinal(latest) ? null : latest;
    }

    [LoggerMessage(3111, LogLevel.Information, "Status {Status} for part {Part} of notification {NotificationId} ignored: the part's status has moved past it — a duplicate or late receipt")]
    private static partial void LogPartIgnored(ILogger logger, int part, Guid notificationId, string status);
}
