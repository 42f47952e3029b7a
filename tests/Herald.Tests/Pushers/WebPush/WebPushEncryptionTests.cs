using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Herald.Pushers.WebPush;

namespace Herald.Tests.Pushers.WebPush;

public sealed class WebPushEncryptionTests
{
    // RFC 8291 §5 / Appendix A: the worked example's inputs and its final encrypted message.
    private const string Plaintext = "When I grow up, I want to be a watermelon";
    private const string SenderPublic = "BP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A8";
    private const string SenderPrivate = "yfWPiYE-n46HLnH0KqZOF1fJJU3MYrct3AELtAQ-oRw";
    private const string UserAgentPublic = "BCVxsr7N_eNgVRqvHtD0zTZsEc6-VV-JvLexhqUzORcxaOzi6-AYWXvTBHm4bjyPjs7Vd8pZGH6SRpkNtoIAiw4";
    private const string UserAgentPrivate = "q1dXpw3UpT5VOmu_cf_v6ih07Aems3njxI-JWgLcM94";
    private const string Salt = "DGv6ra1nlYgDCS1FRnbzlw";
    private const string AuthSecret = "BTBZMqHH6r4Tts7J_aSIgg";
    private const string Message =
        "DGv6ra1nlYgDCS1FRnbzlwAAEABBBP4z9KsN6nGRTbVYI_c7VJSPQTBtkgcy27mlmlMoZIIgDll6e3vCYLocInmYWAmS6TlzAC8wEqKK6PBru3jl7A_" +
        "yl95bQpu6cVPTpK4Mqgkf1CXztLVBSt2Ks3oZwbuwXPXLWyouBWLVWGNWQexSgSxsj_Qulcy4a-fN";

    [Fact]
    public void The_RFC_8291_worked_example_encrypts_to_the_exact_message()
    {
        using var sender = KeyPair(SenderPublic, SenderPrivate);

        var body = WebPushEncryption.Encrypt(Encoding.UTF8.GetBytes(Plaintext), Base64Url.DecodeFromChars(UserAgentPublic),
            Base64Url.DecodeFromChars(AuthSecret), sender, Base64Url.DecodeFromChars(Salt));

        Assert.Equal(Message, Base64Url.EncodeToString(body));
    }

    [Fact]
    public void The_test_user_agent_reads_the_RFC_8291_message()
    {
        using var userAgent = new TestUserAgent(KeyPair(UserAgentPublic, UserAgentPrivate), Base64Url.DecodeFromChars(AuthSecret));

        var (plaintext, recordSize, senderKey) = userAgent.Decrypt(Base64Url.DecodeFromChars(Message));

        Assert.Equal(Plaintext, Encoding.UTF8.GetString(plaintext));
        Assert.Equal(4096, recordSize);
        Assert.Equal(SenderPublic, Base64Url.EncodeToString(senderKey));
    }

    [Fact]
    public void A_message_encrypted_for_a_subscription_decrypts_with_its_private_key()
    {
        using var userAgent = new TestUserAgent();
        var payload = Encoding.UTF8.GetBytes("{\"title\":\"Ada\",\"body\":\"Lunch?\"}");

        var body = WebPushEncryption.Encrypt(payload, userAgent.Subscribe("https://push.example.net/s/abc"));

        Assert.Equal(payload, userAgent.Decrypt(body).Plaintext);
    }

    [Fact]
    public void Every_message_has_its_own_salt_and_sender_key()
    {
        using var userAgent = new TestUserAgent();
        var subscription = userAgent.Subscribe("https://push.example.net/s/abc");

        var first = WebPushEncryption.Encrypt("same"u8, subscription);
        var second = WebPushEncryption.Encrypt("same"u8, subscription);

        Assert.NotEqual(first[..16], second[..16]);
        Assert.NotEqual(first[21..86], second[21..86]);
        Assert.Equal(userAgent.Decrypt(first).Plaintext, userAgent.Decrypt(second).Plaintext);
    }

    [Fact]
    public void The_largest_payload_fills_a_4096_byte_body_and_one_more_byte_is_refused()
    {
        using var userAgent = new TestUserAgent();
        var subscription = userAgent.Subscribe("https://push.example.net/s/abc");
        var largest = RandomNumberGenerator.GetBytes(WebPushEncryption.MaxPayloadLength);

        var body = WebPushEncryption.Encrypt(largest, subscription);

        Assert.Equal(4096, body.Length);
        Assert.Equal(largest, userAgent.Decrypt(body).Plaintext);
        Assert.Throws<ArgumentException>(() => WebPushEncryption.Encrypt(new byte[WebPushEncryption.MaxPayloadLength + 1], subscription));
    }

    [Theory]
    [InlineData("not a url", UserAgentPublic, AuthSecret, "endpoint")]
    [InlineData("ftp://push.example.net/s", UserAgentPublic, AuthSecret, "endpoint")]
    [InlineData("https://push.example.net/s", "BCVxsr7N", AuthSecret, "p256dh")]
    [InlineData("https://push.example.net/s", "not base64!", AuthSecret, "p256dh")]
    [InlineData("https://push.example.net/s", UserAgentPublic, "BTBZMqHH6r4Tts7J", "auth")]
    public void A_malformed_subscription_says_what_is_wrong(string endpoint, string p256dh, string auth, string field)
    {
        var problem = new WebPushSubscription(endpoint, p256dh, auth).Validate();

        Assert.NotNull(problem);
        Assert.Contains(field, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_public_key_off_the_curve_is_refused()
    {
        var offCurve = Base64Url.DecodeFromChars(UserAgentPublic);
        offCurve[^1] ^= 1;

        var problem = new WebPushSubscription("https://push.example.net/s", Base64Url.EncodeToString(offCurve), AuthSecret).Validate();

        Assert.Equal("keys.p256dh is not a point on P-256", problem);
    }

    [Fact]
    public void Keys_padded_or_in_the_standard_alphabet_are_accepted()
    {
        var standard = Convert.ToBase64String(Base64Url.DecodeFromChars(UserAgentPublic));

        Assert.Null(new WebPushSubscription("https://push.example.net/s", standard, AuthSecret + "==").Validate());
    }

    internal static ECDiffieHellman KeyPair(string publicKey, string privateKey)
    {
        var q = Base64Url.DecodeFromChars(publicKey);
        return ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = q[1..33], Y = q[33..] },
            D = Base64Url.DecodeFromChars(privateKey),
        });
    }
}
