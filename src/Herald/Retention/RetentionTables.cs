using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Retention;

/// <summary>This feature's tables, as sets of every <see cref="HeraldDbContext"/>.</summary>
public static class RetentionTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<RetentionRecord> Retention => context.Set<RetentionRecord>();

        public DbSet<NotificationHistoryRecord> NotificationHistory => context.Set<NotificationHistoryRecord>();
    }
}
