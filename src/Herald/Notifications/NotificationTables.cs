using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Notifications;

/// <summary>This feature's tables, as sets of every <see cref="HeraldDbContext"/>.</summary>
public static class NotificationTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<NotificationRecord> Notifications => context.Set<NotificationRecord>();

        public DbSet<NotificationPartRecord> NotificationParts => context.Set<NotificationPartRecord>();

        public DbSet<ReceivedTextRecord> ReceivedTexts => context.Set<ReceivedTextRecord>();

        public DbSet<NotificationEventRecord> NotificationEvents => context.Set<NotificationEventRecord>();
    }
}
