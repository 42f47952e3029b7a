using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Herald.Notifications;
using Herald.Providers;
using Herald.Recipients;

namespace Herald.Integrations.Vonage;

/// <summary>The vonage provider type: its settings, adapter, receipt statuses and webhooks.</summary>
public sealed class VonageProviderType : ProviderType<VonageOptions>
{
    public override string Name => VonageSmsProvider.ProviderName;

    public override IReadOnlyList<string> Channels => [ProviderChannels.Sms];

    protected override JsonTypeInfo<VonageOptions> Json => VonageJsonContext.Default.VonageOptions;

    public override IReadOnlyList<string> Secrets => ["api_secret", "webhook_token"];

    public override string? ConfigurationSection => VonageOptions.Section;

    protected override IEnumerable<string> Problems(VonageOptions settings) =>
        ProviderSettingRules.Required(("api_key", settings.ApiKey), ("api_secret", settings.ApiSecret))
            .Concat(ProviderSettingRules.Url("base_url", settings.BaseUrl))
            .Concat(settings.WebhookToken.Length is 0 or >= 16 ? [] : ["settings.webhook_token must be at least 16 characters"]);

    protected override object Adapter(string instanceName, VonageOptions settings, IServiceProvider services) =>
        new VonageSmsProvider(instanceName, settings, services.GetRequiredService<IHttpClientFactory>(), services.GetRequiredService<SmsSenderValidator>());

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
