namespace Herald.Providers.Instances;

/// <summary>A provider instance as configuration declares it.</summary>
public sealed record DeclaredProvider(string Name, string Channel, ProviderType Type, int Priority, bool Active, ProviderSettings Settings);
