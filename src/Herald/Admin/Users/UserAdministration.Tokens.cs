using System.Security.Cryptography;
using System.Text;
using Herald.NotifyFormat;
using Microsoft.EntityFrameworkCore;

namespace Herald.Admin.Users;

/// <summary>A user's bearer tokens for <c>/admin/api</c>: random secrets, found by their SHA-256.</summary>
public sealed partial class UserAdministration
{
    /// <summary>What every user token starts with: anything else is not looked up.</summary>
    public const string TokenPrefix = "hu_";

    private static readonly int TokenLength = TokenPrefix.Length + 64;

    /// <summary>How stale <c>last_used_at</c> may be: a busy token writes it about once a minute, not on every request.</summary>
    private static readonly TimeSpan LastUsedPrecision = TimeSpan.FromMinutes(1);

    public async Task<CreatedAdminUserToken> CreateTokenAsync(Guid userId, string name, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        ValidateName(name, errors);
        ThrowIfAny(errors);
        await RequireUserAsync(userId, cancellationToken);

        var secret = TokenPrefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var token = new AdminUserTokenRecord
        {
            Id = Guid.NewGuid(), UserId = userId, Name = name.Trim(), TokenHash = Hash(secret), CreatedAt = Now(),
        };
        await using var context = database.CreateContext();
        context.AdminUserTokens.Add(token);
        try
        {
            await context.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The user was deleted between the check and the insert.
            if (await GetAsync(userId, CancellationToken.None) is null)
            {
                throw NotifyApiException.NotFound();
            }

            throw;
        }

        return new CreatedAdminUserToken(token.Id, userId, token.Name, secret, Utc(token.CreatedAt));
    }

    /// <summary>The user's tokens, revoked ones included, oldest first. Unknown user: 404.</summary>
    public async Task<IReadOnlyList<AdminUserToken>> ListTokensAsync(Guid userId, CancellationToken cancellationToken)
    {
        await RequireUserAsync(userId, cancellationToken);
        await using var context = database.CreateContext();
        var tokens = await context.AdminUserTokens.AsNoTracking().Where(t => t.UserId == userId).ToListAsync(cancellationToken);
        return [.. tokens.OrderBy(t => t.CreatedAt).Select(t => new AdminUserToken(t.Id, t.UserId, t.Name, Utc(t.CreatedAt), Utc(t.LastUsedAt), Utc(t.RevokedAt)))];
    }

    /// <summary>Revokes the token (again is fine); unknown user or token: 404.</summary>
    public async Task RevokeTokenAsync(Guid userId, Guid tokenId, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var token = await context.AdminUserTokens.FirstOrDefaultAsync(t => t.Id == tokenId && t.UserId == userId, cancellationToken)
            ?? throw NotifyApiException.NotFound();
        token.RevokedAt ??= Now();
        await context.SaveChangesAsync(cancellationToken);
    }

    /// <summary>The user this unrevoked token belongs to, or null. One indexed lookup by the secret's hash.</summary>
    public async Task<AdminUser?> FindByTokenAsync(string secret, CancellationToken cancellationToken)
    {
        if (secret.Length != TokenLength || !secret.StartsWith(TokenPrefix, StringComparison.Ordinal))
        {
            return null;
        }

        var hash = Hash(secret);
        await using var context = database.CreateContext();
        var found = await context.AdminUserTokens.AsNoTracking()
            .Where(t => t.TokenHash == hash && t.RevokedAt == null)
            .Join(context.AdminUsers, t => t.UserId, u => u.Id, (t, u) => new { TokenId = t.Id, t.LastUsedAt, User = u })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return null;
        }

        var now = Now();
        if (found.LastUsedAt is not { } last || now - last >= LastUsedPrecision)
        {
            await context.AdminUserTokens.Where(t => t.Id == found.TokenId)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), cancellationToken);
        }

        return ToUser(found.User);
    }

    private async Task RequireUserAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (await GetAsync(userId, cancellationToken) is null)
        {
            throw NotifyApiException.NotFound();
        }
    }

    private static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
