using Herald.Services;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Analytics;

internal sealed class AnalyticsModelConfiguration : IModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
        // No foreign key to notifications: the nightly archive moves them to history, and their
        // figures stay.
        model.Entity<AnalyticsEventRecord>(e =>
        {
            e.ToTable("analytics_events");
            e.HasKey(x => new { x.Provider, x.EventId });
            e.Property(x => x.Provider).HasMaxLength(50);
            e.Property(x => x.EventId).HasMaxLength(ProviderEvent.MaxEventId);
            e.Property(x => x.Type).HasMaxLength(20);
            e.Property(x => x.Severity).HasMaxLength(20);
            e.Property(x => x.Code).HasMaxLength(ProviderEvent.MaxCode);
            e.Property(x => x.EnhancedCode).HasMaxLength(ProviderEvent.MaxEnhancedCode);
            e.Property(x => x.Message).HasMaxLength(ProviderEvent.MaxMessage);
            e.HasIndex(x => new { x.NotificationId, x.OccurredAt });
        });

        model.Entity<NotificationAnalyticsRecord>(e =>
        {
            e.ToTable("notification_analytics");
            e.HasKey(x => x.NotificationId);
            e.Property(x => x.NotificationId).ValueGeneratedNever();
            e.Property(x => x.FailureSeverity).HasMaxLength(20);
            e.Property(x => x.FailureCode).HasMaxLength(ProviderEvent.MaxCode);
            e.Property(x => x.FailureEnhancedCode).HasMaxLength(ProviderEvent.MaxEnhancedCode);
            e.Property(x => x.FailureMessage).HasMaxLength(ProviderEvent.MaxMessage);
            e.HasIndex(x => new { x.ServiceId, x.TemplateId });

            // The temporary-failure sweep reads soft bounces by age.
            e.HasIndex(x => new { x.FailureSeverity, x.FailedAt });
        });

        model.Entity<SuppressionRecord>(e =>
        {
            e.ToTable("suppressions");
            e.HasKey(x => new { x.ServiceId, x.Address });
            e.Property(x => x.Address).HasMaxLength(400);
            e.Property(x => x.Reason).HasMaxLength(30);
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
        });

        model.Entity<AnalyticsLoopRecord>(e =>
        {
            e.ToTable("analytics_loops");
            e.HasKey(x => new { x.Account, x.Loop });
            e.Property(x => x.Account).HasMaxLength(100);
            e.Property(x => x.Loop).HasMaxLength(30);
            e.Property(x => x.LastError).HasMaxLength(2000);
        });
    }
}
