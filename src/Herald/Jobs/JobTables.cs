using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Jobs;

/// <summary>This feature's tables, as sets of every <see cref="HeraldDbContext"/>.</summary>
public static class JobTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<JobRecord> Jobs => context.Set<JobRecord>();
    }
}
