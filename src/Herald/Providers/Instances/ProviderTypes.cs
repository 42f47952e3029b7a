namespace Herald.Providers.Instances;

/// <summary>The provider types this process has adapters for, in the order they were registered.</summary>
public sealed class ProviderTypes(IEnumerable<ProviderType> types)
{
    public IReadOnlyList<ProviderType> All { get; } = [.. types];

    public ProviderType? Find(string? name) => All.FirstOrDefault(t => t.Name == name);
}
