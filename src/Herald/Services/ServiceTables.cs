using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Services;

/// <summary>This feature's tables, as sets of every <see cref="HeraldDbContext"/>.</summary>
public static class ServiceTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<ServiceRecord> Services => context.Set<ServiceRecord>();

        public DbSet<ServiceRecipientRecord> ServiceRecipients => context.Set<ServiceRecipientRecord>();

        public DbSet<ApiKeyRecord> ApiKeys => context.Set<ApiKeyRecord>();

        public DbSet<ServiceCallbackRecord> ServiceCallbacks => context.Set<ServiceCallbackRecord>();
    }
}
