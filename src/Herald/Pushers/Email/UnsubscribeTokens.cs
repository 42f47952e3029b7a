using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Herald.Pushers.Email;

/// <summary>
/// The token in a digest's unsubscribe link: the pusher's id, authenticated (HMAC-SHA256 inside
/// Data Protection's authenticated encryption) with Herald's key ring, which lives in the database
/// and is shared by every node. A link stays valid after key rotation: old keys still unprotect.
/// </summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Herald.Pushers.EmailUnsubscribe.v1");

    public string Create(Guid pusherId) => Base64Url.EncodeToString(_protector.Protect(pusherId.ToByteArray()));

    /// <summary>The pusher the token names, or null for a token that was altered or not made by this Herald.</summary>
    public Guid? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || !Base64Url.IsValid(token))
        {
            return null;
        }

        try
        {
            var bytes = _protector.Unprotect(Base64Url.DecodeFromChars(token));
            return bytes.Length == 16 ? new Guid(bytes) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
