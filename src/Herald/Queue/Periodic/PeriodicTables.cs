using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Queue.Periodic;

/// <summary>This feature's tables, as sets of every <see cref="HeraldDbContext"/>.</summary>
public static class PeriodicTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<PeriodicScheduleRecord> PeriodicSchedules => context.Set<PeriodicScheduleRecord>();
    }
}
