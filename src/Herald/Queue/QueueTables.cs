using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Queue;

/// <summary>This feature's tables, as sets of every <see cref="HeraldDbContext"/>.</summary>
public static class QueueTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<QueueItemRecord> QueueItems => context.Set<QueueItemRecord>();
    }
}
