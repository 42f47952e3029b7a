namespace Herald.Bench;

/// <summary>Settings given with <c>--set Key=Value,...</c>, as environment variables for a Herald process.</summary>
internal static class HeraldSettings
{
    public static IReadOnlyDictionary<string, string> Parse(string? set) =>
        (set ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(s => s.Split('=', 2)).ToDictionary(s => s[0], s => s[1], StringComparer.Ordinal);

    /// <summary>Runtime settings (<c>DOTNET_*</c>) go as they are; Herald's as <c>HERALD_*</c> variables.</summary>
    public static void AddTo(IDictionary<string, string> environment, IReadOnlyDictionary<string, string> settings)
    {
        foreach (var (key, value) in settings)
        {
            environment[key.StartsWith("DOTNET_", StringComparison.Ordinal) ? key : $"HERALD_{key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()}"] = value;
        }
    }
}
