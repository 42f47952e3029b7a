using Herald.Storage;

namespace Herald.Notifications;

/// <summary>Appends to a notification's timeline (<see cref="NotificationEventRecord"/>).</summary>
public sealed class NotificationEvents(HeraldDatabase database)
{
    public const int MaxDetail = 500;

    public async Task RecordAsync(Guid notificationId, string kind, string detail, DateTime at, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        context.NotificationEvents.Add(new NotificationEventRecord
        {
            NotificationId = notificationId, Kind = kind, At = at, Detail = Stored(detail),
        });
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Details quote providers and exceptions: cut to the column, and without NUL, which PostgreSQL refuses in text.</summary>
    private static string Stored(string detail)
    {
        var clean = detail.Replace("\0", string.Empty, StringComparison.Ordinal);
        return clean.Length > MaxDetail ? clean[..MaxDetail] : clean;
    }
}
