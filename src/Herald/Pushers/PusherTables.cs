using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Pushers;

/// <summary>This feature's tables, as sets of every <see cref="HeraldDbContext"/>.</summary>
public static class PusherTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<PushStreamRecord> PushStreams => context.Set<PushStreamRecord>();

        public DbSet<PushEventRecord> PushEvents => context.Set<PushEventRecord>();

        public DbSet<PushActionRecord> PushActions => context.Set<PushActionRecord>();

        public DbSet<PushReceiptRecord> PushReceipts => context.Set<PushReceiptRecord>();

        public DbSet<PusherRecord> Pushers => context.Set<PusherRecord>();

        public DbSet<PusherThrottleRecord> PusherThrottles => context.Set<PusherThrottleRecord>();
    }
}
