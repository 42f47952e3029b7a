using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Herald.Notifications;
using Herald.Providers;
using Herald.Recipients;

namespace Herald.Integrations.Twilio;

/// <summary>The twilio provider type: its settings, adapter, receipt statuses and webhooks.</summary>
public sealed class TwilioProviderType : ProviderType<TwilioOptions>
{
    public override string Name => TwilioSmsProvider.ProviderName;

    public override IReadOnlyList<string> Channels => [ProviderChannels.Sms];

    protected override JsonTypeInfo<TwilioOptions> Json => TwilioJsonContext.Default.TwilioOptions;

    public override IReadOnlyList<string> Secrets => ["auth_token"];

    public override string? ConfigurationSection => TwilioOptions.Section;

    protected override IEnumerable<string> Problems(TwilioOptions settings) =>
        ProviderSettingRules.Required(("account_sid", settings.AccountSid), ("auth_token", settings.AuthToken)).Concat(ProviderSettingRules.Url("base_url", settings.BaseUrl));

    protected override object Adapter(string instanceName, TwilioOptions settings, IServiceProvider services) =>
        new TwilioSmsProvider(instanceName, settings, services.GetRequiredService<IHttpClientFactory>(), services.GetRequiredService<SmsSenderValidator>());

    public override string? MapStatus(string providerStatus) => providerStatus.ToLowerInvariant() switch
    {
        "accepted" or "queued" or "sending" or "sent" or "scheduled" => NotificationStatus.Sending,
        "delivered" or "read" => NotificationStatus.Delivered,
        "undelivered" => NotificationStatus.PermanentFailure,
        "failed" or "canceled" => NotificationStatus.TechnicalFailure,
        _ => null,
    };

    public override void MapWebhooks(IEndpointRouteBuilder endpoints) => endpoints.MapTwilioWebhooks();
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TwilioOptions))]
internal sealed partial class TwilioJsonContext : JsonSerializerContext;
