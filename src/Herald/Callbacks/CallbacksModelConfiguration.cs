using Herald.Services;
using Microsoft.EntityFrameworkCore;

namespace Herald.Callbacks;

internal static class CallbacksModelConfiguration
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ServiceCallbackRecord>(e =>
        {
            e.ToTable("service_callbacks");
            e.HasKey(x => new { x.ServiceId, x.Kind });
            e.Property(x => x.Kind).HasMaxLength(30);
            e.Property(x => x.Url).HasMaxLength(2000);
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceId);
        });
        model.Entity<ComplaintRecord>(e =>
        {
            e.ToTable("complaints");
            e.HasKey(x => x.Id);
            e.Property(x => x.ComplaintType).HasMaxLength(50);
            e.HasIndex(x => x.NotificationId).IsUnique();
            e.HasIndex(x => new { x.ServiceId, x.CreatedAt });
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceId);
        });
    }
}
