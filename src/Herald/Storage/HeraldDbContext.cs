using Herald.Callbacks;
using Herald.Limits;
using Herald.Notifications;
using Herald.Providers.Capture;
using Herald.Pushers;
using Herald.Queue;
using Herald.Queue.Periodic;
using Herald.Services;
using Herald.Templates;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>
/// The one model of Herald's tables. Each backend has its own subclass so that each keeps
/// its own migration history (<see cref="SqliteHeraldDbContext"/>, <see cref="PostgresHeraldDbContext"/>).
/// Features add their entities here and keep the mapping in their own folder.
/// </summary>
public abstract class HeraldDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    public DbSet<QueueItemRecord> QueueItems => Set<QueueItemRecord>();

    public DbSet<PeriodicScheduleRecord> PeriodicSchedules => Set<PeriodicScheduleRecord>();

    public DbSet<ServiceRecord> Services => Set<ServiceRecord>();

    public DbSet<ServiceRecipientRecord> ServiceRecipients => Set<ServiceRecipientRecord>();

    public DbSet<ApiKeyRecord> ApiKeys => Set<ApiKeyRecord>();

    public DbSet<TemplateRecord> Templates => Set<TemplateRecord>();

    public DbSet<TemplateVersionRecord> TemplateVersions => Set<TemplateVersionRecord>();

    public DbSet<NotificationRecord> Notifications => Set<NotificationRecord>();

    public DbSet<ReceivedTextRecord> ReceivedTexts => Set<ReceivedTextRecord>();

    public DbSet<DailyCounterRecord> DailyCounters => Set<DailyCounterRecord>();

    public DbSet<RateBucketRecord> RateBuckets => Set<RateBucketRecord>();

    public DbSet<CapturedMessageRecord> CapturedMessages => Set<CapturedMessageRecord>();

    public DbSet<ServiceCallbackRecord> ServiceCallbacks => Set<ServiceCallbackRecord>();

    public DbSet<PushStreamRecord> PushStreams => Set<PushStreamRecord>();

    public DbSet<PushEventRecord> PushEvents => Set<PushEventRecord>();

    public DbSet<PushActionRecord> PushActions => Set<PushActionRecord>();

    public DbSet<PushReceiptRecord> PushReceipts => Set<PushReceiptRecord>();

    public DbSet<PusherRecord> Pushers => Set<PusherRecord>();

    public DbSet<PusherThrottleRecord> PusherThrottles => Set<PusherThrottleRecord>();

    /// <summary>Data Protection's key ring, shared by every node (it encrypts API key secrets).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    /// <summary>Set when queue items were enqueued inside the current transaction; the commit wakes the workers.</summary>
    internal bool QueueWakePending { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfiguration(new QueueItemRecordConfiguration());
        modelBuilder.ApplyConfiguration(new PeriodicScheduleRecordConfiguration());
        ServicesModelConfiguration.Configure(modelBuilder);
        TemplatesModelConfiguration.Configure(modelBuilder);
        NotificationsModelConfiguration.Configure(modelBuilder);
        LimitsModelConfiguration.Configure(modelBuilder);
        CaptureModelConfiguration.Configure(modelBuilder);
        CallbacksModelConfiguration.Configure(modelBuilder);
        PushersModelConfiguration.Configure(modelBuilder);
        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }
}
