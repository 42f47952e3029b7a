namespace Herald.Providers.Instances;

/// <summary>A provider instance as delivery uses it: its current weight and state, its adapter and its concurrency limit.</summary>
public sealed class ProviderInstance(ProviderInstanceRecord record, ProviderType type, ProviderSettings settings, ProviderAdapter adapter)
{
    public Guid Id => record.Id;

    public string Name => record.Name;

    public string Type => record.Type;

    public string Channel => record.Channel;

    public int Priority => record.Priority;

    public bool Active => record.Active;

    public ProviderType ProviderType => type;

    public ProviderSettings Settings => settings;

    public ProviderAdapter Adapter => adapter;

    public bool Takes(bool international) => !international || settings.Common.SupportsInternational;
}
