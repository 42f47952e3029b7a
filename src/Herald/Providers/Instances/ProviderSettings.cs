using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Herald.Providers.Instances;

/// <summary>
/// One instance's settings: its type's options (<see cref="ProviderType.SettingsJson"/>) and the
/// <see cref="CommonProviderSettings"/>, stored together as one snake_case JSON object.
/// </summary>
public sealed record ProviderSettings(CommonProviderSettings Common, object Typed)
{
    private const string MaxConcurrencyKey = "max_concurrency";
    private const string SupportsInternationalKey = "supports_international";

    /// <summary>Reads settings as the admin API or storage hold them; problems go to <paramref name="errors"/> in the API's words.</summary>
    public static ProviderSettings? Parse(ProviderType type, JsonObject? json, List<string> errors)
    {
        var typed = new JsonObject();
        var common = new JsonObject();
        foreach (var (key, value) in json ?? [])
        {
            (key is MaxConcurrencyKey or SupportsInternationalKey ? common : typed)[key] = value?.DeepClone();
        }

        var context = ProviderSettingsJsonContext.Default;
        try
        {
            var settings = new ProviderSettings(
                common.Deserialize(context.CommonProviderSettings) ?? new CommonProviderSettings(),
                typed.Deserialize(type.SettingsJson) ?? throw new JsonException("settings must be an object"));
            errors.AddRange(settings.Validate(type));
            return settings;
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path[2..] : null;
            errors.Add(field is not null && ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
                ? $"settings.{field} is not a setting of {type.Name} providers"
                : field is not null ? $"settings.{field} has the wrong type" : "settings is not valid");
            return null;
        }
    }

    /// <summary>Binds a configuration section (PascalCase keys, as in <c>Providers:Smtp</c>).</summary>
    public static ProviderSettings FromConfiguration(ProviderType type, IConfigurationSection section) =>
        new(section.Get<CommonProviderSettings>() ?? new CommonProviderSettings(), section.Get(type.SettingsType) ?? Activator.CreateInstance(type.SettingsType)!);

    public JsonObject ToJson(ProviderType type)
    {
        var json = JsonSerializer.SerializeToNode(Typed, type.SettingsJson)!.AsObject();
        json[MaxConcurrencyKey] = Common.MaxConcurrency;
        json[SupportsInternationalKey] = Common.SupportsInternational;
        return json;
    }

    /// <summary>Keeps the secrets of <paramref name="previous"/> that a change leaves out (clients never see them, so cannot send them back).</summary>
    public static void KeepOmittedSecrets(ProviderType type, JsonObject changed, JsonObject previous)
    {
        foreach (var secret in type.Secrets.Where(s => !changed.ContainsKey(s) && previous.ContainsKey(s)))
        {
            changed[secret] = previous[secret]?.DeepClone();
        }
    }

    private IEnumerable<string> Validate(ProviderType type)
    {
        if (Common.MaxConcurrency is < 1 or > 1000)
        {
            yield return "settings.max_concurrency must be between 1 and 1000";
        }

        var results = new List<ValidationResult>();
        Validator.TryValidateObject(Typed, new ValidationContext(Typed), results, validateAllProperties: true);
        foreach (var result in results)
        {
            yield return $"settings: {result.ErrorMessage}";
        }

        var missing = type.Validate(Typed);
        foreach (var error in missing)
        {
            yield return error;
        }
    }
}
