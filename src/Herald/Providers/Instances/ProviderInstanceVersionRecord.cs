namespace Herald.Providers.Instances;

/// <summary>One change of a provider instance: its weight and state after the change, who made it and why.</summary>
public sealed class ProviderInstanceVersionRecord
{
    public Guid ProviderId { get; set; }

    public int Version { get; set; }

    public int Priority { get; set; }

    public int RestingPriority { get; set; }

    public bool Active { get; set; }

    public bool SettingsChanged { get; set; }

    public DateTime ChangedAt { get; set; }

    /// <summary>Who: <c>admin</c> (or the name the admin gave), <c>configuration</c> or <c>automatic</c>.</summary>
    public required string ChangedBy { get; set; }

    /// <summary>What kind of change: one of <see cref="ProviderChangeKinds"/>.</summary>
    public required string Kind { get; set; }

    public required string Reason { get; set; }
}
