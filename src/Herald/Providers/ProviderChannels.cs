namespace Herald.Providers;

/// <summary>The channels a provider instance serves.</summary>
public static class ProviderChannels
{
    public const string Email = "email";
    public const string Sms = "sms";
}
