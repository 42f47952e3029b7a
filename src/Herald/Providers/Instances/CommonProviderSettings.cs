namespace Herald.Providers.Instances;

/// <summary>Settings every provider instance takes besides its type's own.</summary>
public sealed class CommonProviderSettings
{
    /// <summary>Calls in flight at once from one node, so a slow provider cannot tie up every worker. Default 32.</summary>
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>SMS only: whether the instance takes non-UK numbers (the international pool). Default true.</summary>
    public bool SupportsInternational { get; set; } = true;
}
