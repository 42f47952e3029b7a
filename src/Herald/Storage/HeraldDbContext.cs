using Herald.Queue;
using Herald.Queue.Periodic;
using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>
/// The one model of Herald's tables. Each backend has its own subclass so that each keeps
/// its own migration history (<see cref="SqliteHeraldDbContext"/>, <see cref="PostgresHeraldDbContext"/>).
/// Features add their entities here and keep the mapping in their own folder.
/// </summary>
public abstract class HeraldDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<QueueItemRecord> QueueItems => Set<QueueItemRecord>();

    public DbSet<PeriodicScheduleRecord> PeriodicSchedules => Set<PeriodicScheduleRecord>();

    /// <summary>Set when queue items were enqueued inside the current transaction; the commit wakes the workers.</summary>
    internal bool QueueWakePending { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new QueueItemRecordConfiguration());
        modelBuilder.ApplyConfiguration(new PeriodicScheduleRecordConfiguration());
    }
}
