using Microsoft.EntityFrameworkCore;
using Herald.Storage;

namespace Herald.Limits;

internal sealed class LimitsModelConfiguration : IModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
        model.Entity<DailyCounterRecord>(e =>
        {
            e.ToTable("daily_counters");
            e.HasKey(x => new { x.ServiceId, x.Channel, x.Day });
            e.Property(x => x.Channel).HasMaxLength(30);
        });
        model.Entity<RateBucketRecord>(e =>
        {
            e.ToTable("rate_buckets");
            e.HasKey(x => new { x.ServiceId, x.KeyType });
        });
    }
}
