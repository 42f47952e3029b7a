using System.Buffers.Text;

namespace Herald.Pushers.WebPush;

/// <summary>
/// A browser's push subscription: the push service endpoint (a capability URL: whoever knows it can
/// push, so it is never logged in full) and the user agent's keys, base64url as
/// <c>PushSubscription.toJSON()</c> gives them: <c>p256dh</c> the uncompressed P-256 public point,
/// <c>auth</c> the 16-byte authentication secret.
/// </summary>
public sealed record WebPushSubscription(string Endpoint, string P256dh, string Auth)
{
    /// <summary>Null when the subscription can be encrypted for and sent to; otherwise what is wrong with it.</summary>
    public string? Validate() => Validate(checkCurve: true);

    /// <summary>Without <paramref name="checkCurve"/>, the shape only: importing the key for encryption checks the curve anyway.</summary>
    internal string? Validate(bool checkCurve)
    {
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("https" or "http"))
        {
            return "endpoint must be an absolute https URL";
        }

        if (!TryDecode(P256dh, out var publicKey) || publicKey.Length != WebPushEncryption.PublicKeyLength || publicKey[0] != 0x04)
        {
            return "keys.p256dh must be a base64url uncompressed P-256 public key (65 bytes)";
        }

        if (checkCurve && !WebPushEncryption.IsOnCurve(publicKey))
        {
            return "keys.p256dh is not a point on P-256";
        }

        return TryDecode(Auth, out var auth) && auth.Length == WebPushEncryption.AuthSecretLength
            ? null
            : "keys.auth must be a base64url 16-byte secret";
    }

    internal static bool TryDecode(string value, out byte[] bytes)
    {
        try
        {
            // Browsers give unpadded base64url; some libraries pad or use the standard alphabet.
            bytes = Base64Url.DecodeFromChars(value.TrimEnd('=').Replace('+', '-').Replace('/', '_'));
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
