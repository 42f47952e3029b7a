using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Providers.Instances;

/// <summary>This feature's tables, as sets of every <see cref="HeraldDbContext"/>.</summary>
public static class ProviderTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<ProviderInstanceRecord> ProviderInstances => context.Set<ProviderInstanceRecord>();

        public DbSet<ProviderInstanceVersionRecord> ProviderInstanceVersions => context.Set<ProviderInstanceVersionRecord>();

        public DbSet<ProviderErrorCountRecord> ProviderErrorCounts => context.Set<ProviderErrorCountRecord>();
    }
}
