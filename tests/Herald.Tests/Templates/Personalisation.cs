using System.Text.Json;

namespace Herald.Tests.Templates;

internal static class Personalisation
{
    /// <summary>Parses a JSON object as the API would hand it to the renderer.</summary>
    public static Dictionary<string, JsonElement> From(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!;
}
