using System.Text.Json.Nodes;
using Microsoft.AspNetCore.DataProtection;

namespace Herald.Providers.Instances;

/// <summary>Encrypts instance settings at rest (Data Protection, key ring in the database): they hold passwords and API keys.</summary>
public sealed class ProviderSettingsProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("Herald.Providers.Settings.v1");

    public string Protect(JsonObject settings) => _protector.Protect(settings.ToJsonString());

    public JsonObject Unprotect(string protectedSettings) => JsonNode.Parse(_protector.Unprotect(protectedSettings))!.AsObject();
}
