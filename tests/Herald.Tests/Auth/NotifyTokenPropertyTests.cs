using System.Buffers.Text;
using System.Text;
using CsCheck;
using Herald.Auth;
using Herald.NotifyFormat;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Auth;

/// <summary>Whatever a bearer token holds, parsing it answers a token or Notify's 403, never another exception.</summary>
public sealed class NotifyTokenPropertyTests
{
    private static readonly string[] Claims = ["iss", "iat", "alg", "typ", "jti"];

    [Fact]
    public void Random_text_is_a_token_or_a_403()
    {
        RandomInput.Text.Sample(ParsesOrRefuses, iter: 2_000);
    }

    [Fact]
    public void Random_json_in_each_part_is_a_token_or_a_403()
    {
        var part = Gen.Frequency(
            (4, RandomInput.Json(Claims).Select(json => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json)))),
            (1, RandomInput.AnyText));
        Gen.Select(part, part, part, (header, payload, signature) => $"{header}.{payload}.{signature}").Sample(ParsesOrRefuses, iter: 5_000);
    }

    [Fact]
    public void A_valid_header_with_a_random_payload_is_a_token_or_a_403()
    {
        var header = Base64Url.EncodeToString("{\"typ\":\"JWT\",\"alg\":\"HS256\"}"u8);
        RandomInput.Json(Claims).Select(json => $"{header}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(json))}.AAAA").Sample(ParsesOrRefuses, iter: 5_000);
    }

    private static void ParsesOrRefuses(string token)
    {
        try
        {
            var parsed = NotifyToken.Parse(token);
            Assert.NotNull(parsed.Issuer);
            _ = parsed.IsSignedWith(Encoding.UTF8.GetBytes("secret"));
        }
        catch (NotifyApiException refusal)
        {
            Assert.Equal(403, refusal.StatusCode);
        }
    }
}
