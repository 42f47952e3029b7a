namespace Herald.Providers.Instances;

/// <summary>Builds the adapter for one instance from its type and settings.</summary>
public sealed class ProviderAdapterFactory(IServiceProvider services)
{
    public ProviderAdapter Create(string name, ProviderType type, ProviderSettings settings) =>
        new(type.CreateAdapter(name, settings.Typed, services), type.MaxConcurrency(settings.Typed, settings.Common.MaxConcurrency));
}
