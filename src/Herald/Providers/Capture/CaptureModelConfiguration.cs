using Microsoft.EntityFrameworkCore;
using Herald.Storage;

namespace Herald.Providers.Capture;

internal sealed class CaptureModelConfiguration : IModelConfiguration
{
    public void Configure(ModelBuilder model) => model.Entity<CapturedMessageRecord>(e =>
    {
        e.ToTable("captured_messages");
        e.Property(x => x.Channel).HasMaxLength(10);
        e.Property(x => x.To).HasMaxLength(400);
        e.HasIndex(x => x.To);
        e.HasIndex(x => x.NotificationId);
    });
}
