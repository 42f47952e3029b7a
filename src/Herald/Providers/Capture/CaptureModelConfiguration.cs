using Microsoft.EntityFrameworkCore;

namespace Herald.Providers.Capture;

internal static class CaptureModelConfiguration
{
    public static void Configure(ModelBuilder model) => model.Entity<CapturedMessageRecord>(e =>
    {
        e.ToTable("captured_messages");
        e.Property(x => x.Channel).HasMaxLength(10);
        e.Property(x => x.To).HasMaxLength(400);
        e.HasIndex(x => x.To);
        e.HasIndex(x => x.NotificationId);
    });
}
