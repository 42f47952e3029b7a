using Herald.Services;
using Microsoft.EntityFrameworkCore;
using Herald.Storage;

namespace Herald.Notifications;

internal sealed class NotificationsModelConfiguration : IModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
        // PostgresNotificationCopy (accepting) and NotificationBatchReader (delivering) name these
        // columns and their stored forms too: a column added here goes there as well.
        model.Entity<NotificationRecord>(e =>
        {
            e.ToTable("notifications");
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.KeyType).HasConversion<short>();
            e.Property(x => x.To).HasMaxLength(400);
            e.Property(x => x.NormalisedTo).HasMaxLength(400);
            e.Property(x => x.Reference).HasMaxLength(1000);
            e.Property(x => x.Status).HasMaxLength(30);
            e.Property(x => x.ProviderName).HasMaxLength(100);
            e.Property(x => x.ProviderReference).HasMaxLength(255);
            e.Property(x => x.OneClickUnsubscribeUrl).HasMaxLength(2000);

            // The API's list: a service's notifications for one key type, newest first.
            e.HasIndex(x => new { x.ServiceId, x.KeyType, x.CreatedAt, x.Id }).IsDescending(false, false, true, true);
            e.HasIndex(x => new { x.ServiceId, x.Reference });
            e.HasIndex(x => new { x.ServiceId, x.NormalisedTo });
            e.HasIndex(x => x.ProviderReference);

            // A job's row becomes one notification, however often its batch is retried.
            e.HasIndex(x => new { x.JobId, x.JobRowNumber }).IsUnique().HasFilter("job_id IS NOT NULL");

            // A job's progress: its notifications counted by status from the index alone.
            e.HasIndex(x => new { x.JobId, x.Status }).HasFilter("job_id IS NOT NULL");

            // The three-day check for notifications that never got a receipt.
            e.HasIndex(x => new { x.Status, x.SentAt });
            e.HasIndex(x => new { x.ProviderName, x.SentAt });

            // The admin UI's message log (newest first, every service, filtered by these columns)
            // and its dashboard (counts by day, service, channel and status) read only this index.
            e.HasIndex(x => new { x.CreatedAt, x.Id, x.ServiceId, x.Type, x.Status });
        });
        model.Entity<NotificationEventRecord>(e =>
        {
            e.ToTable("notification_events");
            e.Property(x => x.Kind).HasMaxLength(20);
            e.Property(x => x.Detail).HasMaxLength(NotificationEvents.MaxDetail);
            e.HasIndex(x => new { x.NotificationId, x.At });
            e.HasOne<NotificationRecord>().WithMany().HasForeignKey(x => x.NotificationId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<NotificationPartRecord>(e =>
        {
            e.ToTable("notification_parts");
            e.HasKey(x => new { x.NotificationId, x.Part });
            e.Property(x => x.Reference).HasMaxLength(255);
            e.Property(x => x.Status).HasMaxLength(30);
            e.HasIndex(x => x.Reference);
            e.HasOne<NotificationRecord>().WithMany().HasForeignKey(x => x.NotificationId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ReceivedTextRecord>(e =>
        {
            e.ToTable("received_texts");
            e.Property(x => x.UserNumber).HasMaxLength(30);
            e.Property(x => x.NotifyNumber).HasMaxLength(30);
            e.Property(x => x.ProviderReference).HasMaxLength(255);
            e.HasIndex(x => new { x.ServiceId, x.CreatedAt, x.Id }).IsDescending(false, true, true);
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceId);
        });
    }
}
