using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Herald.Notifications;
using Herald.Providers;

namespace Herald.Integrations.Mailgun;

/// <summary>The mailgun provider type: its settings, adapter, receipt statuses and webhooks.</summary>
public sealed class MailgunProviderType : ProviderType<MailgunOptions>
{
    public override string Name => MailgunEmailProvider.ProviderName;

    public override IReadOnlyList<string> Channels => [ProviderChannels.Email];

    protected override JsonTypeInfo<MailgunOptions> Json => MailgunJsonContext.Default.MailgunOptions;

    public override IReadOnlyList<string> Secrets => ["api_key", "webhook_signing_key"];

    public override string? ConfigurationSection => MailgunOptions.Section;

    protected override IEnumerable<string> Problems(MailgunOptions settings) =>
        ProviderSettingRules.Required(("api_key", settings.ApiKey), ("domain", settings.Domain)).Concat(ProviderSettingRules.Url("base_url", settings.BaseUrl));

    protected override object Adapter(string instanceName, MailgunOptions settings, IServiceProvider services) =>
        new MailgunEmailProvider(instanceName, settings, services.GetRequiredService<IHttpClientFactory>());

    /// <summary>Events about what a recipient did with a delivered email, sent to the same webhook when an account subscribes to them.</summary>
    public override bool IsEngagement(string providerStatus) => providerStatus.ToLowerInvariant() is "opened" or "clicked" or "unsubscribed";

    public override bool IsComplaint(string providerStatus) => providerStatus.Equals("complained", StringComparison.OrdinalIgnoreCase);

    public override string? MapStatus(string providerStatus) => providerStatus.ToLowerInvariant() switch
    {
        "accepted" => NotificationStatus.Sending,
        "delivered" => NotificationStatus.Delivered,
        "failed:permanent" => NotificationStatus.PermanentFailure,
        "failed:temporary" => NotificationStatus.TemporaryFailure,

        // Mailgun refused to send what its API had accepted (a suppression or account policy).
        "rejected" => NotificationStatus.TechnicalFailure,
        _ => null,
    };

    public override void MapWebhooks(IEndpointRouteBuilder endpoints) => endpoints.MapMailgunWebhooks();
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    UseStringEnumConverter = true, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MailgunOptions))]
internal sealed partial class MailgunJsonContext : JsonSerializerContext;
