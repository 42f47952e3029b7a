using Herald.Services;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Jobs;

internal sealed class JobsModelConfiguration : IModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
        model.Entity<JobRecord>(e =>
        {
            e.ToTable("jobs");
            e.Property(x => x.Type).HasConversion<string>().HasMaxLength(10);
            e.Property(x => x.KeyType).HasConversion<short>();
            e.Property(x => x.Name).HasMaxLength(JobFile.MaxNameLength);
            e.Property(x => x.Status).HasMaxLength(30);
            e.Property(x => x.Error).HasMaxLength(1000);

            // The admin list: a service's jobs, latest first, by keyset.
            e.HasIndex(x => new { x.ServiceId, x.CreatedAt, x.Id }).IsDescending(false, true, true);

            // The periodic check: scheduled jobs now due, and jobs in progress with no recent batch.
            e.HasIndex(x => new { x.Status, x.ScheduledFor });
            e.HasIndex(x => new { x.Status, x.UpdatedAt });
            e.HasOne<ServiceRecord>().WithMany().HasForeignKey(x => x.ServiceId);
        });
    }
}
