using System.CommandLine;

namespace Herald.Cli;

/// <summary>The flags shared by several verbs, and how they become configuration keys.</summary>
internal static class CliOptions
{
    public static Option<string?> Urls { get; } = new("--urls") { Description = "Addresses to listen on (default http://127.0.0.1:5080)." };

    public static Option<string?> Data { get; } = new("--data") { Description = "Data directory (default ./herald-data)." };

    public static Option<string?> Database { get; } = new("--database")
    {
        Description = "sqlite:PATH, a PostgreSQL connection string or a postgres:// URL (default SQLite in the data directory).",
    };

    public static Option<string?> Role { get; } = CreateRole();

    private static Option<string?> CreateRole()
    {
        var role = new Option<string?>("--role") { Description = "all (default), api or worker." };
        role.AcceptOnlyFromAmong("all", "api", "worker");
        return role;
    }

    public static Dictionary<string, string?> ToOverrides(ParseResult result)
    {
        var overrides = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Add(overrides, "Urls", result.GetValue(Urls));
        Add(overrides, "Data", result.GetValue(Data));
        Add(overrides, "Database", result.GetValue(Database));
        Add(overrides, "Role", result.GetValue(Role));
        return overrides;
    }

    private static void Add(Dictionary<string, string?> overrides, string key, string? value)
    {
        if (value is not null)
        {
            overrides[key] = value;
        }
    }
}
