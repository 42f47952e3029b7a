using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Admin.Users;

internal sealed class UserModelConfiguration : IModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
        model.Entity<AdminUserRecord>(e =>
        {
            e.ToTable("admin_users");
            e.Property(x => x.Email).HasMaxLength(320);
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.Role).HasConversion<short>();
            e.Property(x => x.PasswordHash).HasMaxLength(200);
            e.HasIndex(x => x.Email).IsUnique();
        });
        model.Entity<AdminUserTokenRecord>(e =>
        {
            e.ToTable("admin_user_tokens");
            e.Property(x => x.Name).HasMaxLength(255);
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => x.UserId);
            e.HasOne<AdminUserRecord>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
