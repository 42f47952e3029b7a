using System.Text.Json.Serialization.Metadata;

namespace Herald.Providers;

/// <summary>
/// Everything Herald knows of one kind of provider, declared in that provider's own folder: its
/// channels, its settings (their JSON, validation and secrets), how to build its adapter, what
/// its receipts' statuses mean and which webhooks it answers. The folder's <c>AddX</c> registers
/// it with <see cref="ProviderTypeRegistration.AddProviderType{T}"/>.
/// </summary>
public abstract class ProviderType
{
    /// <summary>The <c>type</c> of its instances (<c>smtp</c>, <c>mailgun</c>, ...), also the provider of its receipts.</summary>
    public abstract string Name { get; }

    public abstract IReadOnlyList<string> Channels { get; }

    /// <summary>Its settings as stored and as the admin API takes them: snake_case JSON, unknown settings refused.</summary>
    public abstract JsonTypeInfo SettingsJson { get; }

    public Type SettingsType => SettingsJson.Type;

    /// <summary>Settings (snake_case) that are never returned by the admin API.</summary>
    public virtual IReadOnlyList<string> Secrets => [];

    /// <summary>Where <c>Delivery:*Provider</c> finds the settings of the instance it declares; null when it cannot be declared so.</summary>
    public virtual string? ConfigurationSection => null;

    /// <summary>Problems with <paramref name="settings"/> beyond their data annotations, in the admin API's words.</summary>
    public virtual IEnumerable<string> Validate(object settings) => [];

    /// <summary>The adapter (an <see cref="IEmailProvider"/> or <see cref="ISmsProvider"/>) for one instance.</summary>
    public abstract object CreateAdapter(string instanceName, object settings, IServiceProvider services);

    /// <summary>How many calls an instance may have in flight, given the configured limit.</summary>
    public virtual int MaxConcurrency(object settings, int configured) => configured;

    /// <summary>A receipt's status in Herald's (Notify's) terms; null for a status we do not know.</summary>
    public virtual string? MapStatus(string providerStatus) => null;

    /// <summary>An event about what a recipient did with a delivered message: no status change, nothing to warn about.</summary>
    public virtual bool IsEngagement(string providerStatus) => false;

    /// <summary>A recipient's spam complaint: recorded and called back, the status stays as it is.</summary>
    public virtual bool IsComplaint(string providerStatus) => false;

    /// <summary>The provider's webhooks (receipts, inbound messages), mapped where the API is served.</summary>
    public virtual void MapWebhooks(IEndpointRouteBuilder endpoints)
    {
    }
}

/// <summary>
/// A provider type whose settings are <typeparamref name="TSettings"/>: its folder implements the
/// typed members, and the untyped ones the machinery calls cast once, here.
/// </summary>
public abstract class ProviderType<TSettings> : ProviderType
    where TSettings : class
{
    public sealed override JsonTypeInfo SettingsJson => Json;

    protected abstract JsonTypeInfo<TSettings> Json { get; }

    public sealed override IEnumerable<string> Validate(object settings) => Problems((TSettings)settings);

    public sealed override object CreateAdapter(string instanceName, object settings, IServiceProvider services) =>
        Adapter(instanceName, (TSettings)settings, services);

    public sealed override int MaxConcurrency(object settings, int configured) => ConcurrencyLimit((TSettings)settings, configured);

    /// <summary>Problems with the settings beyond their data annotations, in the admin API's words.</summary>
    protected virtual IEnumerable<string> Problems(TSettings settings) => [];

    /// <summary>The adapter (an <see cref="IEmailProvider"/> or <see cref="ISmsProvider"/>) for one instance.</summary>
    protected abstract object Adapter(string instanceName, TSettings settings, IServiceProvider services);

    /// <summary>How many calls an instance may have in flight, given the configured limit.</summary>
    protected virtual int ConcurrencyLimit(TSettings settings, int configured) => configured;
}
