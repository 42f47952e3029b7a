using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Limits;

/// <summary>This feature's tables, as sets of every <see cref="HeraldDbContext"/>.</summary>
public static class LimitTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<DailyCounterRecord> DailyCounters => context.Set<DailyCounterRecord>();

        public DbSet<RateBucketRecord> RateBuckets => context.Set<RateBucketRecord>();
    }
}
