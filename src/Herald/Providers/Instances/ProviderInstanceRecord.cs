namespace Herald.Providers.Instances;

/// <summary>
/// One configured provider (e.g. two Twilio accounts are two instances). <see cref="Priority"/> is
/// the weight selection uses now; <see cref="RestingPriority"/> the one an operator set, which
/// automatic shifts drift back to. Every change bumps <see cref="Version"/> and adds a
/// <see cref="ProviderInstanceVersionRecord"/>.
/// </summary>
public sealed class ProviderInstanceRecord
{
    public Guid Id { get; set; }

    /// <summary><c>email</c> or <c>sms</c>.</summary>
    public required string Channel { get; set; }

    /// <summary><c>smtp</c>, <c>mailgun</c>, <c>twilio</c>, <c>vonage</c> or <c>capture</c>.</summary>
    public required string Type { get; set; }

    /// <summary>Unique; recorded on each notification it sends.</summary>
    public required string Name { get; set; }

    public int Priority { get; set; }

    public int RestingPriority { get; set; }

    public bool Active { get; set; }

    /// <summary>The type's settings as JSON, encrypted with Data Protection (they hold passwords and API keys).</summary>
    public required string ProtectedSettings { get; set; }

    public int Version { get; set; }

    /// <summary>Declared in configuration: its settings follow the configuration at each start.</summary>
    public bool FromConfiguration { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public required string UpdatedBy { get; set; }

    public required string Reason { get; set; }
}
