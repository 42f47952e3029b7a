using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Facts;

internal sealed class FactsModelConfiguration : IModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
        model.Entity<NotificationFactRecord>(e =>
        {
            e.ToTable("ft_notification_status");
            e.HasKey(x => new { x.Day, x.ServiceId, x.TemplateId, x.JobId, x.Type, x.KeyType, x.Status });
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.KeyType).HasConversion<short>();
            e.Property(x => x.Status).HasMaxLength(30);
            e.HasIndex(x => new { x.ServiceId, x.Day });
            e.HasIndex(x => new { x.TemplateId, x.Day });
        });
    }
}
