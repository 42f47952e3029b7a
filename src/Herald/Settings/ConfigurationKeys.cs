
namespace Herald.Settings;

/// <summary>
/// Top-level settings can come from appsettings.json (<c>AdminToken</c>) or from the environment
/// (<c>HERALD_ADMIN_TOKEN</c>, which the prefix-stripping provider turns into <c>ADMIN_TOKEN</c>).
/// </summary>
public static class ConfigurationKeys
{
    /// <summary>The value of <paramref name="key"/> (PascalCase), else of its environment spelling (UPPER_SNAKE_CASE).</summary>
    public static string? Get(IConfiguration configuration, string key) => configuration[key] ?? configuration[EnvironmentSpelling(key)];

    public static bool GetFlag(IConfiguration configuration, string key) =>
        bool.TryParse(Get(configuration, key), out var value) && value;

    /// <summary><c>AllowPrivateTargets</c> → <c>ALLOW_PRIVATE_TARGETS</c>.</summary>
    public static string EnvironmentSpelling(string key) =>
        string.Concat(key.Select((c, i) => i > 0 && char.IsUpper(c) ? $"_{c}" : c.ToString())).ToUpperInvariant();
}
