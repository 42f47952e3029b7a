using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Services;

/// <summary>
/// The <c>services</c> table, which most features' tables refer to. An entity type configuration
/// is applied before every <see cref="Storage.IModelConfiguration"/>: the foreign keys that
/// features declare to it are then named after the table (<c>fk_pushers_services_service_id</c>),
/// not after the class, as the migrations have them.
/// </summary>
internal sealed class ServiceRecordConfiguration : IEntityTypeConfiguration<ServiceRecord>
{
    public void Configure(EntityTypeBuilder<ServiceRecord> builder)
    {
        builder.ToTable("services");
        builder.Property(x => x.Name).HasMaxLength(255);
        builder.Property(x => x.EmailFrom).HasMaxLength(320);
        builder.Property(x => x.SmsSender).HasMaxLength(20);
    }
}
