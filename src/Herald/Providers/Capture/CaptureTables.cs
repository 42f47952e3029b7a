using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Providers.Capture;

/// <summary>This feature's tables, as sets of every <see cref="HeraldDbContext"/>.</summary>
public static class CaptureTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<CapturedMessageRecord> CapturedMessages => context.Set<CapturedMessageRecord>();
    }
}
