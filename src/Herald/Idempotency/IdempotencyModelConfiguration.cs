using Herald.Services;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Idempotency;

internal sealed class IdempotencyModelConfiguration : IModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
        // IdempotencyKeys names these columns in its claim's INSERT too.
        model.Entity<IdempotencyKeyRecord>(e =>
        {
            e.ToTable("idempotency_keys");
            e.HasKey(x => new { x.ServiceId, x.Key });
            e.Property(x => x.Key).HasMaxLength(IdempotencyKeys.MaxKeyLength);
            e.Property(x => x.RequestHash).HasMaxLength(32);

            // The purge: the oldest keys first.
            e.HasIndex(x => x.CreatedAt);
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceId);
        });
    }
}
