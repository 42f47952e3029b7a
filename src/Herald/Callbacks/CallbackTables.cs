using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Callbacks;

/// <summary>This feature's tables, as sets of every <see cref="HeraldDbContext"/>.</summary>
public static class CallbackTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<ComplaintRecord> Complaints => context.Set<ComplaintRecord>();
    }
}
