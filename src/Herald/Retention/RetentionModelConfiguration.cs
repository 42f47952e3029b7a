using Herald.Services;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Retention;

internal sealed class RetentionModelConfiguration : IModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
        model.Entity<RetentionRecord>(e =>
        {
            e.ToTable("service_data_retention");
            e.HasKey(x => new { x.ServiceId, x.Type });
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(10);
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceId).OnDelete(DeleteBehavior.Cascade);
        });

        // NotificationArchiver copies into these columns by name: a column added here goes there too.
        model.Entity<NotificationHistoryRecord>(e =>
        {
            e.ToTable("notification_history");
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.KeyType).HasConversion<short>();
            e.Property(x => x.Reference).HasMaxLength(1000);
            e.Property(x => x.Status).HasMaxLength(30);
            e.Property(x => x.ProviderName).HasMaxLength(100);
            e.Property(x => x.ProviderReference).HasMaxLength(255);
            e.HasIndex(x => new { x.ServiceId, x.CreatedAt });
            e.HasIndex(x => new { x.CreatedAt, x.Id });
            e.HasIndex(x => new { x.TemplateId, x.CreatedAt });
        });
    }
}
