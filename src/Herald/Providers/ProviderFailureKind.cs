namespace Herald.Providers;

public enum ProviderFailureKind
{
    /// <summary>Timeouts, 5xx, 429, connection errors: try again later.</summary>
    Retryable,

    /// <summary>This recipient can never get this message (invalid number or address): permanent-failure.</summary>
    PermanentForRecipient,

    /// <summary>Our configuration or the request is wrong (bad credentials, refused sender): technical-failure without retrying.</summary>
    Technical,
}
