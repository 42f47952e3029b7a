using Herald.Callbacks;
using Herald.Outbound;

namespace Herald.Pushers.WebPush;

/// <summary>
/// A web push registration (RFC 8030 / RFC 8291): <c>data.endpoint</c> is the subscription's https
/// push service URL (allowed by the outbound policy); <c>data.keys.p256dh</c> is the browser's P-256
/// public key (65 bytes, uncompressed) and <c>data.keys.auth</c> its 16-byte secret, both base64url.
/// </summary>
internal sealed class WebPushPusherKind(OutboundUrlPolicy policy) : IPusherKind
{
    public string Kind => PusherKinds.WebPush;

    public async Task<IReadOnlyList<string>> ValidateAsync(PusherRegistration registration, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        var endpoint = PusherUrls.StringField(registration.Data, "endpoint");
        if (endpoint is null)
        {
            errors.Add("data.endpoint is a required property");
        }
        else
        {
            await PusherUrls.CheckAsync("data.endpoint", endpoint, httpsOnly: !policy.AllowsPrivateTargets, policy, errors, cancellationToken);
        }

        if (registration.Data["keys"] is not System.Text.Json.Nodes.JsonObject keys)
        {
            errors.Add("data.keys is a required property");
            return errors;
        }

        var p256dh = Base64Url(PusherUrls.StringField(keys, "p256dh"));
        if (p256dh is not { Length: 65 } || p256dh[0] != 0x04)
        {
            errors.Add("data.keys.p256dh must be an uncompressed P-256 public key (65 bytes, base64url)");
        }

        if (Base64Url(PusherUrls.StringField(keys, "auth")) is not { Length: 16 })
        {
            errors.Add("data.keys.auth must be a 16-byte secret (base64url)");
        }

        return errors;
    }

    private static byte[]? Base64Url(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return System.Buffers.Text.Base64Url.DecodeFromChars(text.TrimEnd('='));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
