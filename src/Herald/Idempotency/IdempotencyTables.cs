using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Idempotency;

/// <summary>This feature's table, as a set of every <see cref="HeraldDbContext"/>.</summary>
public static class IdempotencyTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<IdempotencyKeyRecord> IdempotencyKeys => context.Set<IdempotencyKeyRecord>();
    }
}
