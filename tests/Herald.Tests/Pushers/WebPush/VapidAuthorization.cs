using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Herald.Tests.Pushers.WebPush;

/// <summary>What a push service checks of <c>Authorization: vapid t=JWT, k=KEY</c> (RFC 8292 §3).</summary>
public static class VapidAuthorization
{
    /// <summary>The header and claims of the token, after checking that <paramref name="expectedKey"/> is the k and signed it.</summary>
    public static (JsonElement Header, JsonElement Claims) Verify(string authorization, string expectedKey)
    {
        Assert.StartsWith("vapid t=", authorization, StringComparison.Ordinal);
        var parameters = authorization["vapid ".Length..].Split(", ").Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(expectedKey, parameters["k"]);

        var parts = parameters["t"].Split('.');
        Assert.Equal(3, parts.Length);
        var point = Base64Url.DecodeFromChars(parameters["k"]);
        using var key = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..] },
        });
        var signature = Base64Url.DecodeFromChars(parts[2]);
        Assert.Equal(64, signature.Length);
        Assert.True(key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), signature, HashAlgorithmName.SHA256,
            DSASignatureFormat.IeeeP1363FixedFieldConcatenation), "the JWT's ES256 signature verifies with k");

        return (JsonDocument.Parse(Base64Url.DecodeFromChars(parts[0])).RootElement, JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1])).RootElement);
    }
}
