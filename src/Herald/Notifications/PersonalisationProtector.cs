using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;

namespace Herald.Notifications;

/// <summary>
/// Personalisation is stored encrypted with the key ring, as Notify stores it, and decrypted only
/// to render at delivery. Rows written before encryption hold the JSON itself and are read as it.
/// </summary>
public sealed class PersonalisationProtector(IDataProtectionProvider provider)
{
    /// <summary>Marks an encrypted value; plain JSON always starts with <c>{</c>.</summary>
    public const string Prefix = "dp1:";

    private readonly IDataProtector _protector = provider.CreateProtector("Herald.Notifications.Personalisation.v1");

    public string? Protect(IReadOnlyDictionary<string, JsonElement>? personalisation) =>
        personalisation is null
            ? null
            : Prefix + _protector.Protect(JsonSerializer.Serialize(personalisation, NotificationJsonContext.Default.IReadOnlyDictionaryStringJsonElement));

    public Dictionary<string, JsonElement>? Unprotect(string? stored) =>
        stored is null
            ? null
            : JsonSerializer.Deserialize(
                stored.StartsWith(Prefix, StringComparison.Ordinal) ? _protector.Unprotect(stored[Prefix.Length..]) : stored,
                NotificationJsonContext.Default.DictionaryStringJsonElement);
}
