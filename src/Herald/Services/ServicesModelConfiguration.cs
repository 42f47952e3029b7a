using Microsoft.EntityFrameworkCore;

namespace Herald.Services;

internal static class ServicesModelConfiguration
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<ServiceRecord>(e =>
        {
            e.ToTable("services");
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.EmailFrom).HasMaxLength(320);
            e.Property(x => x.SmsSender).HasMaxLength(20);
        });
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
    }
}
