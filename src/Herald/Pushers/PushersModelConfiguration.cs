using Herald.Services;
using Microsoft.EntityFrameworkCore;
using Herald.Storage;

namespace Herald.Pushers;

internal sealed class PushersModelConfiguration : IModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
        model.Entity<PushStreamRecord>(e =>
        {
            e.ToTable("push_streams");
            e.HasKey(x => x.ServiceId);
            e.Property(x => x.ServiceId).ValueGeneratedNever();
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceId);
        });
        model.Entity<PushEventRecord>(e =>
        {
            e.ToTable("push_events");
            e.HasKey(x => new { x.ServiceId, x.StreamOrdering });
            e.Property(x => x.StreamOrdering).ValueGeneratedNever();
            e.Property(x => x.EventId).HasMaxLength(255);
            e.Property(x => x.RoomId).HasMaxLength(255);
            e.Property(x => x.Type).HasMaxLength(255);
            e.Property(x => x.Sender).HasMaxLength(255);
            e.Property(x => x.SenderDisplayName).HasMaxLength(255);
            e.Property(x => x.RoomName).HasMaxLength(255);

            // Receipts by event id.
            e.HasIndex(x => new { x.ServiceId, x.EventId }).IsUnique();
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceId);
        });
        model.Entity<PushActionRecord>(e =>
        {
            e.ToTable("push_actions");

            // The key serves "any action for this user after N" (start-up), the pushers' ascending
            // fetch and the email pusher's descending one, and the feed (newest first).
            e.HasKey(x => new { x.ServiceId, x.UserId, x.StreamOrdering });
            e.Property(x => x.UserId).HasMaxLength(255);
            e.Property(x => x.RoomId).HasMaxLength(255);

            // The feed with only=highlight.
            e.HasIndex(x => new { x.ServiceId, x.UserId, x.StreamOrdering })
                .HasFilter("highlight")
                .HasDatabaseName("ix_push_actions_highlight");
            e.HasIndex(x => new { x.ServiceId, x.StreamOrdering });
            e.HasOne<PushEventRecord>().WithMany().HasForeignKey(x => new { x.ServiceId, x.StreamOrdering }).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<PushReceiptRecord>(e =>
        {
            e.ToTable("push_receipts");
            e.HasKey(x => new { x.ServiceId, x.UserId, x.RoomId });
            e.Property(x => x.UserId).HasMaxLength(255);
            e.Property(x => x.RoomId).HasMaxLength(255);
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceId);
        });
        model.Entity<PusherRecord>(e =>
        {
            e.ToTable("pushers");
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.UserId).HasMaxLength(255);
            e.Property(x => x.Kind).HasMaxLength(20);
            e.Property(x => x.AppId).HasMaxLength(255);
            e.Property(x => x.Pushkey).HasMaxLength(2000);
            e.Property(x => x.AppDisplayName).HasMaxLength(255);
            e.Property(x => x.DeviceDisplayName).HasMaxLength(255);
            e.Property(x => x.Lang).HasMaxLength(35);
            e.Property(x => x.LeaseOwner).HasMaxLength(200);
            e.Property(x => x.LastParkedEventId).HasMaxLength(255);
            e.Property(x => x.LastParkedReason).HasMaxLength(InOrderRetry.MaxReasonLength);

            // Upsert and delete by (app_id, pushkey) for one user.
            e.HasIndex(x => new { x.ServiceId, x.UserId, x.AppId, x.Pushkey }).IsUnique();

            // A dead process's leases, found by the sweep that takes them over.
            e.HasIndex(x => x.LeaseUntil).HasFilter("lease_until IS NOT NULL");
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceId);
        });
        model.Entity<PusherThrottleRecord>(e =>
        {
            e.ToTable("pusher_throttle");
            e.HasKey(x => new { x.PusherId, x.RoomId });
            e.Property(x => x.RoomId).HasMaxLength(255);
            e.HasOne<PusherRecord>().WithMany().HasForeignKey(x => x.PusherId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
