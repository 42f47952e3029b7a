using Herald.NotifyFormat;
using Herald.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Herald.Admin.Users;

/// <summary>
/// Admin users: their accounts and roles, signing in with a password, and their API tokens
/// (<see cref="UserAdministration"/>'s other part). Every write to <c>admin_users</c> runs under
/// one lock, so the checks that keep an email unique and one owner left cannot race.
/// </summary>
public sealed partial class UserAdministration(HeraldDatabase database, IPasswordHasher<AdminUserRecord> hasher, TimeProvider time)
{
    public const int MinPasswordLength = 12;

    /// <summary>Longer passwords are refused: nothing needs more, and each one is hashed with PBKDF2.</summary>
    public const int MaxPasswordLength = 1024;

    public const int MaxNameLength = 255;

    public const int MaxEmailLength = 320;

    /// <summary>PostgreSQL's transaction lock for writes to <c>admin_users</c> (SQLite's write gate does it there).</summary>
    private const long UsersLockKey = 0x4845_524C_4455_5352;

    /// <summary>
    /// A hash verified when no user has the email given, so that an unknown email costs as much as a
    /// wrong password and the time of a refusal does not tell which emails exist.
    /// </summary>
    private readonly Lazy<string> _placeholderHash = new(() => hasher.HashPassword(Placeholder, Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16))));

    private static readonly AdminUserRecord Placeholder = new() { Email = "", Name = "", PasswordHash = "" };

    public async Task<AdminUser> CreateAsync(string email, string name, AdminRole role, string password, CancellationToken cancellationToken)
    {
        var normalised = NormaliseEmail(email);
        var errors = new List<string>();
        ValidateEmail(normalised, errors);
        ValidateName(name, errors);
        ValidateRole(role, errors);
        ValidatePassword(password, errors);
        ThrowIfAny(errors);

        var now = Now();
        var user = new AdminUserRecord
        {
            Id = Guid.NewGuid(), Email = normalised, Name = name.Trim(), Role = role, PasswordHash = "", CreatedAt = now, UpdatedAt = now,
        };
        user.PasswordHash = hasher.HashPassword(user, password);
        await WriteAsync(async context =>
        {
            if (await context.AdminUsers.AnyAsync(u => u.Email == normalised, cancellationToken))
            {
                throw NotifyApiException.Validation([$"email {normalised} is already a user"]);
            }

            context.AdminUsers.Add(user);
            return true;
        }, cancellationToken);
        return ToUser(user);
    }

    public async Task<IReadOnlyList<AdminUser>> ListAsync(CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var users = await context.AdminUsers.AsNoTracking().ToListAsync(cancellationToken);
        return [.. users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Email, StringComparer.Ordinal).Select(ToUser)];
    }

    /// <summary>The user, or null when there is none with this id.</summary>
    public async Task<AdminUser?> GetAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.AdminUsers.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, cancellationToken) is { } user ? ToUser(user) : null;
    }

    /// <summary>Changes what is given (null leaves it); refuses to demote the last owner. Unknown id: 404.</summary>
    public async Task<AdminUser> UpdateAsync(Guid id, string? name, AdminRole? role, string? password, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        if (name is not null)
        {
            ValidateName(name, errors);
        }

        if (role is { } newRole)
        {
            ValidateRole(newRole, errors);
        }

        if (password is not null)
        {
            ValidatePassword(password, errors);
        }

        ThrowIfAny(errors);
        var passwordHash = password is null ? null : hasher.HashPassword(Placeholder, password);
        return await WriteAsync(async context =>
        {
            var user = await context.AdminUsers.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw NotifyApiException.NotFound();
            if (role is { } changed && user.Role == AdminRole.Owner && changed != AdminRole.Owner && await IsLastOwnerAsync(context, cancellationToken))
            {
                throw NotifyApiException.Validation(["role: this is the last owner; make another user owner before changing this one's role"]);
            }

            user.Name = name?.Trim() ?? user.Name;
            user.Role = role ?? user.Role;
            user.PasswordHash = passwordHash ?? user.PasswordHash;
            user.UpdatedAt = Now();
            return ToUser(user);
        }, cancellationToken);
    }

    /// <summary>Deletes the user and their tokens; refuses to delete the last owner. Unknown id: 404.</summary>
    public async Task DeleteAsync(Guid id, CancellationToken cancellationToken) =>
        await WriteAsync(async context =>
        {
            var user = await context.AdminUsers.FirstOrDefaultAsync(u => u.Id == id, cancellationToken) ?? throw NotifyApiException.NotFound();
            if (user.Role == AdminRole.Owner && await IsLastOwnerAsync(context, cancellationToken))
            {
                throw NotifyApiException.Validation(["This is the last owner and cannot be deleted; make another user owner first"]);
            }

            context.AdminUsers.Remove(user);
            return true;
        }, cancellationToken);

    /// <summary>
    /// The user whose email and password these are, or null. A hash is verified even for an
    /// unknown email; a hash in an older format or weaker than today's settings is replaced.
    /// </summary>
    public async Task<AdminUser?> SignInAsync(string email, string password, CancellationToken cancellationToken)
    {
        var normalised = NormaliseEmail(email);
        AdminUserRecord? user = null;
        if (normalised.Length is > 0 and <= MaxEmailLength)
        {
            await using var context = database.CreateContext();
            user = await context.AdminUsers.AsNoTracking().FirstOrDefaultAsync(u => u.Email == normalised, cancellationToken);
        }

        if (user is null)
        {
            hasher.VerifyHashedPassword(Placeholder, _placeholderHash.Value, password);
            return null;
        }

        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            var rehashed = hasher.HashPassword(user, password);
            var old = user.PasswordHash;
            await using var context = database.CreateContext();

            // Only if the hash is still the one verified: a password changed meanwhile stays changed.
            await context.AdminUsers.Where(u => u.Id == user.Id && u.PasswordHash == old)
                .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, rehashed), cancellationToken);
        }

        return ToUser(user);
    }

    /// <summary>Whether any admin user exists.</summary>
    public async Task<bool> AnyAsync(CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        return await context.AdminUsers.AnyAsync(cancellationToken);
    }

    /// <summary>
    /// Creates the owner <paramref name="email"/> with <paramref name="password"/> if there is no user
    /// at all (checked under the users lock, so of several nodes starting at once one creates it).
    /// </summary>
    internal async Task<AdminUser?> CreateFirstOwnerAsync(string email, string name, string password, CancellationToken cancellationToken)
    {
        if (await AnyAsync(cancellationToken))
        {
            return null;
        }

        var now = Now();
        var user = new AdminUserRecord { Id = Guid.NewGuid(), Email = email, Name = name, Role = AdminRole.Owner, PasswordHash = "", CreatedAt = now, UpdatedAt = now };
        user.PasswordHash = hasher.HashPassword(user, password);
        return await WriteAsync(async context =>
        {
            if (await context.AdminUsers.AnyAsync(cancellationToken))
            {
                return null;
            }

            context.AdminUsers.Add(user);
            return ToUser(user);
        }, cancellationToken);
    }

    /// <summary>A generated password: 24 characters from an alphabet without look-alikes (about 140 bits).</summary>
    public static string NewPassword() =>
        System.Security.Cryptography.RandomNumberGenerator.GetString("abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789", 24);

    internal static string NormaliseEmail(string? email) => (email ?? "").Trim().ToLowerInvariant();

    private static async Task<bool> IsLastOwnerAsync(HeraldDbContext context, CancellationToken cancellationToken) =>
        await context.AdminUsers.CountAsync(u => u.Role == AdminRole.Owner, cancellationToken) <= 1;

    /// <summary>Runs <paramref name="work"/> and saves its changes in one transaction under the users lock.</summary>
    private async Task<T> WriteAsync<T>(Func<HeraldDbContext, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        if (database.Provider == DatabaseProvider.Postgres)
        {
            await context.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({UsersLockKey})", cancellationToken);
        }

        var result = await work(context);
        await context.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    private static void ValidateEmail(string email, List<string> errors)
    {
        if (email.Length == 0)
        {
            errors.Add("email is a required property");
        }
        else if (email.Length > MaxEmailLength)
        {
            errors.Add($"email is too long ({MaxEmailLength} characters at most)");
        }
        else if (!IsEmailAddress(email))
        {
            errors.Add("email Not a valid email address");
        }
    }

    /// <summary>
    /// One <c>@</c> between a local part and a domain, no spaces or control characters. Looser than
    /// Notify's recipient rules on purpose: <c>admin@localhost</c> is an admin's address.
    /// </summary>
    private static bool IsEmailAddress(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != email.LastIndexOf('@') || at == email.Length - 1)
        {
            return false;
        }

        var domain = email[(at + 1)..];
        return !email.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || char.IsSurrogate(c) || c is '<' or '>' or ',' or ';' or '"' or '\\')
            && !domain.StartsWith('.') && !domain.EndsWith('.') && !domain.Contains("..", StringComparison.Ordinal);
    }

    private static void ValidateName(string? name, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add("name is a required property");
        }
        else if (name.Trim().Length > MaxNameLength)
        {
            errors.Add($"name is too long ({MaxNameLength} characters at most)");
        }
        else if (!RequestJson.IsStorable(name))
        {
            errors.Add(RequestJson.Unstorable("name"));
        }
    }

    private static void ValidateRole(AdminRole role, List<string> errors)
    {
        if (!Enum.IsDefined(role))
        {
            errors.Add($"role is not one of {AdminRoleNames.Choices}");
        }
    }

    private static void ValidatePassword(string? password, List<string> errors)
    {
        if (password is null || password.Length < MinPasswordLength)
        {
            errors.Add($"password is too short ({MinPasswordLength} characters at least)");
        }
        else if (password.Length > MaxPasswordLength)
        {
            errors.Add($"password is too long ({MaxPasswordLength} characters at most)");
        }
        else if (!RequestJson.IsStorable(password))
        {
            errors.Add(RequestJson.Unstorable("password"));
        }
    }

    private static void ThrowIfAny(List<string> errors)
    {
        if (errors.Count > 0)
        {
            throw NotifyApiException.Validation(errors);
        }
    }

    /// <summary>Now to the microsecond, PostgreSQL's precision: what a method answers is what a later read gives.</summary>
    private DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return now.AddTicks(-(now.Ticks % 10));
    }

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    private static DateTimeOffset? Utc(DateTime? value) => value is { } v ? Utc(v) : null;

    private static AdminUser ToUser(AdminUserRecord u) => new(u.Id, u.Email, u.Name, u.Role, Utc(u.CreatedAt));
}
