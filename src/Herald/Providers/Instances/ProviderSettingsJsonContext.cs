using System.Text.Json.Serialization;
using Herald.Providers.Mailgun;
using Herald.Providers.Smtp;
using Herald.Providers.Twilio;
using Herald.Providers.Vonage;

namespace Herald.Providers.Instances;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CaptureSettings))]
[JsonSerializable(typeof(SmtpOptions))]
[JsonSerializable(typeof(MailgunOptions))]
[JsonSerializable(typeof(TwilioOptions))]
[JsonSerializable(typeof(VonageOptions))]
[JsonSerializable(typeof(CommonProviderSettings))]
internal sealed partial class ProviderSettingsJsonContext : JsonSerializerContext;
