using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Facts;

/// <summary>This feature's tables, as sets of every <see cref="HeraldDbContext"/>.</summary>
public static class FactsTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<NotificationFactRecord> NotificationFacts => context.Set<NotificationFactRecord>();
    }
}
