using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Queue;

internal sealed class QueueItemRecordConfiguration : IEntityTypeConfiguration<QueueItemRecord>
{
    public void Configure(EntityTypeBuilder<QueueItemRecord> builder)
    {
        builder.ToTable("queue_items");
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Kind).HasMaxLength(100);
        builder.Property(x => x.LeaseOwner).HasMaxLength(200);
        builder.Property(x => x.DedupKey).HasMaxLength(300);
        builder.Property(x => x.Reference).HasMaxLength(200);
        builder.Property(x => x.State).HasConversion<short>();

        // The claim scan: pending items in priority order, then due time.
        builder.HasIndex(x => new { x.Priority, x.RunAt, x.Id })
            .IsDescending(true, false, false)
            .HasFilter("state = 0")
            .HasDatabaseName("ix_queue_items_claim");

        // A de-duplication key is unique while its item is pending (dead items keep theirs).
        builder.HasIndex(x => x.DedupKey)
            .IsUnique()
            .HasFilter("state = 0 AND dedup_key IS NOT NULL")
            .HasDatabaseName("ux_queue_items_dedup_key");

        builder.HasIndex(x => x.Reference)
            .HasFilter("reference IS NOT NULL")
            .HasDatabaseName("ix_queue_items_reference");

        builder.HasIndex(x => x.State)
            .HasFilter("state = 1")
            .HasDatabaseName("ix_queue_items_dead");
    }
}
