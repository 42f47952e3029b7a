using Herald.Pushers.WebPush;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Pushers.WebPush;

public sealed class VapidSignerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/dQw4w9WgXcQ:APA91b?x=1", "https://fcm.googleapis.com")]
    [InlineData("https://Push.Example.net:8443/wpush/v2/gAAAAA", "https://push.example.net:8443")]
    public void The_token_is_signed_by_the_configured_key_for_the_endpoints_origin_for_12_hours(string endpoint, string audience)
    {
        var (publicKey, privateKey) = VapidKey.Generate();
        using var signer = new VapidSigner(Options.Create(new WebPushOptions
        {
            VapidPublicKey = publicKey,
            VapidPrivateKey = privateKey,
            Subject = "mailto:ops@herald.example",
        }), new FakeTimeProvider(Now));

        var (header, claims) = VapidAuthorization.Verify(signer.CreateAuthorization(new Uri(endpoint)), publicKey);

        Assert.Equal("ES256", header.GetProperty("alg").GetString());
        Assert.Equal("JWT", header.GetProperty("typ").GetString());
        Assert.Equal(audience, claims.GetProperty("aud").GetString());
        Assert.Equal(Now.AddHours(12).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        Assert.Equal("mailto:ops@herald.example", claims.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task Without_keys_web_push_starts_and_a_send_says_it_is_not_configured()
    {
        await using var host = await WebPushTestHost.StartAsync([]);
        using var userAgent = new TestUserAgent();

        var error = await Assert.ThrowsAsync<WebPushNotConfiguredException>(() =>
            host.Sender.SendAsync(userAgent.Subscribe("https://push.example.net/s/1"), "hi"u8.ToArray(), WebPushMessageOptions.Default, CancellationToken.None));

        Assert.Contains("Push:WebPush:VapidPublicKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("herald vapid-keys", error.Message, StringComparison.Ordinal);
        Assert.False(host.Services.GetRequiredService<VapidSigner>().IsConfigured);
    }

    [Theory]
    [InlineData("public-only", "are all required")]
    [InlineData("mismatched", "not a matching P-256 key pair")]
    [InlineData("short-private", "32 bytes")]
    [InlineData("bad-subject", "mailto: address or an https URL")]
    public async Task Incomplete_or_wrong_VAPID_settings_fail_at_start_up(string setting, string expected)
    {
        var (publicKey, privateKey) = VapidKey.Generate();
        var (_, otherPrivateKey) = VapidKey.Generate();
        var settings = new Dictionary<string, string?>
        {
            ["Push:WebPush:VapidPublicKey"] = publicKey,
            ["Push:WebPush:VapidPrivateKey"] = setting switch
            {
                "public-only" => null,
                "mismatched" => otherPrivateKey,
                "short-private" => privateKey[..20],
                _ => privateKey,
            },
            ["Push:WebPush:Subject"] = setting == "bad-subject" ? "ops@herald.example" : "https://herald.example/contact",
        };

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => WebPushTestHost.StartAsync(settings));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_vapid_keys_verb_prints_a_usable_key_pair()
    {
        var (exitCode, output) = await HeraldProcess.RunToEndAsync("vapid-keys");

        Assert.Equal(0, exitCode);
        var settings = output.Split('\n', StringSplitOptions.TrimEntries).Where(l => l.StartsWith("HERALD_", StringComparison.Ordinal))
            .Select(l => l.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Null(VapidKey.Problem(settings["HERALD_PUSH__WEBPUSH__VAPIDPUBLICKEY"], settings["HERALD_PUSH__WEBPUSH__VAPIDPRIVATEKEY"]));
        Assert.Contains("HERALD_PUSH__WEBPUSH__SUBJECT", output, StringComparison.Ordinal);
    }
}
