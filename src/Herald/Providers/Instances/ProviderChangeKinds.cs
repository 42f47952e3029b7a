namespace Herald.Providers.Instances;

/// <summary>Why an instance changed, as recorded in its versions.</summary>
public static class ProviderChangeKinds
{
    public const string Created = "created";
    public const string Manual = "manual";
    public const string Configuration = "configuration";
    public const string SlowDelivery = "slow-delivery";
    public const string ErrorRate = "error-rate";
    public const string Drift = "drift";
}
