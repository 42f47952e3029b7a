namespace Herald.Fakes;

/// <summary>How the provider fakes start: address, seed, credentials and each provider's initial behaviour.</summary>
public sealed class FakeOptions
{
    /// <summary>Where to listen. Default <c>http://127.0.0.1:0</c> (a free loopback port).</summary>
    public string Url { get; init; } = "http://127.0.0.1:0";

    /// <summary>Seed for every random choice (error rates, latency, ids), so a run can be repeated. Default 1.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Twilio account: API calls must use basic auth <c>AccountSid:AuthToken</c>; callbacks are signed with the token.</summary>
    public string TwilioAccountSid { get; init; } = "AC00000000000000000000000000000001";

    public string TwilioAuthToken { get; init; } = "twilio-auth-token";

    /// <summary>Vonage account: API calls must carry these as <c>api_key</c> and <c>api_secret</c>.</summary>
    public string VonageApiKey { get; init; } = "vonage-key";

    public string VonageApiSecret { get; init; } = "vonage-secret";

    /// <summary>Mailgun account: API calls must use basic auth <c>api:MailgunApiKey</c>.</summary>
    public string MailgunApiKey { get; init; } = "mailgun-key";

    /// <summary>Signs Mailgun webhooks (hex HMAC-SHA256 of timestamp and token).</summary>
    public string MailgunSigningKey { get; init; } = "mailgun-signing-key";

    public FakeBehaviour Twilio { get; init; } = new();

    public FakeBehaviour Vonage { get; init; } = new();

    public FakeBehaviour Mailgun { get; init; } = new();

    public FakeBehaviour Matrix { get; init; } = new();

    /// <summary>The clock for timestamps and delays. Default the system clock.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;
}
