using Microsoft.EntityFrameworkCore;
using Herald.Storage;

namespace Herald.Services;

internal sealed class ServicesModelConfiguration : IModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
        model.Entity<ServiceRecipientRecord>(e =>
        {
            e.ToTable("service_recipients");
            e.Property(x => x.NormalisedTo).HasMaxLength(320);
            e.Property(x => x.Kind).HasConversion<short>();
            e.HasIndex(x => new { x.ServiceId, x.Kind, x.NormalisedTo }).IsUnique();
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceId);
        });
        model.Entity<ApiKeyRecord>(e =>
        {
            e.ToTable("api_keys");
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.KeyType).HasConversion<short>();
            e.HasIndex(x => x.ServiceId);
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceId);
        });
        model.Entity<ServiceCallbackRecord>(e =>
        {
            e.ToTable("service_callbacks");
            e.HasKey(x => new { x.ServiceId, x.Kind });
            e.Property(x => x.Kind).HasMaxLength(30);
            e.Property(x => x.Url).HasMaxLength(2000);
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceId);
        });
    }
}
