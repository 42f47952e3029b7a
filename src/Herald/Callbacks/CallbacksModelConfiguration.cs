using Herald.Services;
using Microsoft.EntityFrameworkCore;
using Herald.Storage;

namespace Herald.Callbacks;

internal sealed class CallbacksModelConfiguration : IModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
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
