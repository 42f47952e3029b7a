using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Analytics;

/// <summary>This feature's tables, as sets of every <see cref="HeraldDbContext"/>.</summary>
public static class AnalyticsTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<AnalyticsEventRecord> AnalyticsEvents => context.Set<AnalyticsEventRecord>();

        public DbSet<NotificationAnalyticsRecord> NotificationAnalytics => context.Set<NotificationAnalyticsRecord>();

        public DbSet<SuppressionRecord> Suppressions => context.Set<SuppressionRecord>();

        public DbSet<AnalyticsLoopRecord> AnalyticsLoops => context.Set<AnalyticsLoopRecord>();
    }
}
