namespace Herald.Providers;

/// <summary>Checks that provider settings share, in the admin API's words.</summary>
public static class ProviderSettingRules
{
    public static IEnumerable<string> Required(params (string Name, string Value)[] required) =>
        required.Where(r => string.IsNullOrWhiteSpace(r.Value)).Select(r => $"settings.{r.Name} is required");

    public static IEnumerable<string> Url(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
            ? []
            : [$"settings.{name} is not a valid URL"];
}
