using Microsoft.EntityFrameworkCore;
using Herald.Storage;

namespace Herald.Providers.Instances;

internal sealed class ProvidersModelConfiguration : IModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
        model.Entity<ProviderInstanceRecord>(e =>
        {
            e.ToTable("provider_instances");
            e.HasKey(x => x.Id);
            e.Property(x => x.Channel).HasMaxLength(10);
            e.Property(x => x.Type).HasMaxLength(20);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.UpdatedBy).HasMaxLength(100);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.Version).IsConcurrencyToken();
            e.HasIndex(x => x.Name).IsUnique();
        });
        model.Entity<ProviderInstanceVersionRecord>(e =>
        {
            e.ToTable("provider_instance_versions");
            e.HasKey(x => new { x.ProviderId, x.Version });
            e.Property(x => x.ChangedBy).HasMaxLength(100);
            e.Property(x => x.Kind).HasMaxLength(20);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.HasOne<ProviderInstanceRecord>().WithMany().HasForeignKey(x => x.ProviderId).OnDelete(DeleteBehavior.Cascade);
        });
        model.Entity<ProviderErrorCountRecord>(e =>
        {
            e.ToTable("provider_error_counts");
            e.HasKey(x => new { x.ProviderId, x.Bucket });
        });
    }
}
