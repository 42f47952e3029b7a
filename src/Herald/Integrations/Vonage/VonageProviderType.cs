using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Herald.Notifications;
using Herald.Providers;

namespace Herald.Integrations.Vonage;

/// <summary>The vonage provider type: its settings, adapter, receipt statuses and webhooks.</summary>
public sealed class VonageProviderType : ProviderType
{
    public override string Name => VonageSmsProvider.ProviderName;

    public override IReadOnlyList<string> Channels => [ProviderChannels.Sms];

    public override JsonTypeInfo SettingsJson => VonageJsonContext.Default.VonageOptions;

    public override IReadOnlyList<string> Secrets => ["api_secret", "webhook_token"];

    public override string? ConfigurationSection => VonageOptions.Section;

    public override IEnumerable<string> Validate(object settings) =>
        ProviderSettingRules.Required(("api_key", ((VonageOptions)settings).ApiKey), ("api_secret", ((VonageOptions)settings).ApiSecret))
            .Concat(ProviderSettingRules.Url("base_url", ((VonageOptions)settings).BaseUrl))
            .Concat(((VonageOptions)settings).WebhookToken.Length is 0 or >= 16 ? [] : ["settings.webhook_token must be at least 16 characters"]);

    public override object CreateAdapter(string instanceName, object settings, IServiceProvider services) =>
        new VonageSmsProvider(instanceName, (VonageOptions)settings, services.GetRequiredService<IHttpClientFactory>());

    public override string? MapStatus(string providerStatus) => providerStatus.ToLowerInvariant() switch
    {
        // "unknown": the network gave no final word; the message may yet arrive.
        "accepted" or "buffered" or "unknown" => NotificationStatus.Sending,
        "delivered" => NotificationStatus.Delivered,
        "expired" => NotificationStatus.TemporaryFailure,
        "failed" or "rejected" => NotificationStatus.PermanentFailure,
        _ => null,
    };

    public override void MapWebhooks(IEndpointRouteBuilder endpoints) => endpoints.MapVonageWebhooks();
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(VonageOptions))]
internal sealed partial class VonageJsonContext : JsonSerializerContext;
