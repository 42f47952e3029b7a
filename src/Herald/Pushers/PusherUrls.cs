using Herald.Callbacks;
using Herald.Outbound;

namespace Herald.Pushers;

/// <summary>Checks a URL a pusher registration gives Herald to call.</summary>
internal static class PusherUrls
{
    /// <summary>Adds a problem to <paramref name="errors"/> unless <paramref name="text"/> is an http(s) URL the outbound policy allows.</summary>
    public static async Task<Uri?> CheckAsync(string field, string? text, bool httpsOnly, OutboundUrlPolicy policy, List<string> errors, CancellationToken cancellationToken)
    {
        if (text is null || !Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            errors.Add($"{field} is not a valid URL");
            return null;
        }

        if (httpsOnly && url.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"{field} must be https");
            return null;
        }

        if (await policy.CheckAsync(url, cancellationToken) is { } refused)
        {
            errors.Add($"{field} is not allowed: {refused}");
            return null;
        }

        return url;
    }

    public static string? StringField(System.Text.Json.Nodes.JsonObject data, string name) =>
        data[name] is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
