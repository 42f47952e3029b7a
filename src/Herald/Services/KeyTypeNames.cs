namespace Herald.Services;

public static class KeyTypeNames
{
    /// <summary>As the admin API reads and writes it: normal, team, test.</summary>
    public static string ApiName(KeyType keyType) => keyType.ToString().ToLowerInvariant();

    public static KeyType? Parse(string? name) => name switch
    {
        "normal" => KeyType.Normal,
        "team" => KeyType.Team,
        "test" => KeyType.Test,
        _ => null,
    };

    /// <summary>As Notify's rate-limit message names it: LIVE, TEAM, TEST.</summary>
    public static string RateLimitName(KeyType keyType) => keyType switch
    {
        KeyType.Normal => "LIVE",
        KeyType.Team => "TEAM",
        _ => "TEST",
    };
}
