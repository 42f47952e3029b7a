using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Admin.Users;

/// <summary>This feature's tables, as sets of every <see cref="HeraldDbContext"/>.</summary>
public static class UserTables
{
    extension(HeraldDbContext context)
    {
        public DbSet<AdminUserRecord> AdminUsers => context.Set<AdminUserRecord>();

        public DbSet<AdminUserTokenRecord> AdminUserTokens => context.Set<AdminUserTokenRecord>();
    }
}
