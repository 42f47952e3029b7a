using System.Buffers;
using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;

namespace Herald.Pushers.WebPush;

/// <summary>
/// RFC 8292 VAPID: an ES256 JWT naming the push service's origin (<c>aud</c>), an expiry 12 hours on
/// (push services refuse more than 24) and the operator's contact (<c>sub</c>), sent as
/// <c>Authorization: vapid t=JWT, k=PUBLIC_KEY</c>.
/// </summary>
public sealed class VapidSigner(IOptions<WebPushOptions> options, TimeProvider time) : IDisposable
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(12);

    // base64url of {"typ":"JWT","alg":"ES256"}
    private const string EncodedHeader = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9";

    private readonly Lazy<(VapidKey? Key, string Subject)> _identity = new(() =>
    {
        var value = options.Value;
        return value.IsConfigured ? (VapidKey.Import(value.VapidPublicKey, value.VapidPrivateKey), value.Subject) : (null, "");
    });

    /// <summary>True when a VAPID identity is configured (and valid: invalid configuration fails at start-up).</summary>
    public bool IsConfigured => options.Value.IsConfigured;

    /// <summary>The value of the Authorization header for a push to <paramref name="endpoint"/>.</summary>
    /// <exception cref="WebPushNotConfiguredException">No VAPID keys are configured.</exception>
    public string CreateAuthorization(Uri endpoint)
    {
        var (key, _) = Identity();
        return $"vapid t={CreateToken(endpoint)}, k={key.PublicKey}";
    }

    /// <summary>The signed JWT for a push to <paramref name="endpoint"/>.</summary>
    public string CreateToken(Uri endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var (key, subject) = Identity();
        var claims = new ArrayBufferWriter<byte>(256);
        using (var json = new Utf8JsonWriter(claims))
        {
            json.WriteStartObject();
            json.WriteString("aud", endpoint.GetLeftPart(UriPartial.Authority));
            json.WriteNumber("exp", (time.GetUtcNow() + TokenLifetime).ToUnixTimeSeconds());
            json.WriteString("sub", subject);
            json.WriteEndObject();
        }

        var signingInput = $"{EncodedHeader}.{Base64Url.EncodeToString(claims.WrittenSpan)}";
        return $"{signingInput}.{Base64Url.EncodeToString(key.Sign(Encoding.ASCII.GetBytes(signingInput)))}";
    }

    public void Dispose()
    {
        if (_identity.IsValueCreated)
        {
            _identity.Value.Key?.Dispose();
        }
    }

    private (VapidKey Key, string Subject) Identity() =>
        _identity.Value is ({ } key, var subject) ? (key, subject) : throw new WebPushNotConfiguredException();
}
