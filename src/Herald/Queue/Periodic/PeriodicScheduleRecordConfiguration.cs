using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Herald.Queue.Periodic;

internal sealed class PeriodicScheduleRecordConfiguration : IEntityTypeConfiguration<PeriodicScheduleRecord>
{
    public void Configure(EntityTypeBuilder<PeriodicScheduleRecord> builder)
    {
        builder.ToTable("periodic_schedules");
        builder.HasKey(x => x.Name);
        builder.Property(x => x.Name).HasMaxLength(100);
    }
}
