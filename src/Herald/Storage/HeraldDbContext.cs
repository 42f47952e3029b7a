using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Herald.Storage;

/// <summary>
/// The one model of Herald's tables. Each backend has its own subclass so that each keeps
/// its own migration history (<see cref="SqliteHeraldDbContext"/>, <see cref="PostgresHeraldDbContext"/>).
/// Each feature maps its own tables (an <see cref="IModelConfiguration"/> or an
/// <c>IEntityTypeConfiguration</c> in its folder) and names its sets with extension properties.
/// </summary>
public abstract class HeraldDbContext(DbContextOptions options) : DbContext(options), IDataProtectionKeyContext
{
    /// <summary>Data Protection's key ring, shared by every node (it encrypts API key secrets).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys { get; set; } = null!;

    /// <summary>Set when queue items were enqueued inside the current transaction; the commit wakes the workers.</summary>
    internal bool QueueWakePending { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HeraldDbContext).Assembly);
        foreach (var configuration in ModelConfigurations)
        {
            configuration.Configure(modelBuilder);
        }

        modelBuilder.Entity<DataProtectionKey>().ToTable("data_protection_keys");
    }

    /// <summary>Every feature's <see cref="IModelConfiguration"/>, found once: Storage knows no feature by name.</summary>
    private static readonly IModelConfiguration[] ModelConfigurations =
    [
        .. typeof(HeraldDbContext).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IModelConfiguration).IsAssignableFrom(t))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (IModelConfiguration)Activator.CreateInstance(t)!),
    ];
}
