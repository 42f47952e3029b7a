using Herald.NotifyFormat;

namespace Herald.Receipts;

/// <summary>
/// Reads a provider webhook's form body. A body that is not a form Kestrel can read (too many
/// fields, a value over its limit, broken multipart) is the caller's mistake, answered 400, not a
/// server error logged for every such request; so is a field that is not storable text.
/// </summary>
internal static class WebhookForms
{
    /// <summary>The form's fields, each field's values joined by commas; null when the body cannot be read as a form of storable text.</summary>
    public static async Task<Dictionary<string, string>?> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var form = (await request.ReadFormAsync(cancellationToken)).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);

            // A NUL (%00) reaches PostgreSQL as text it refuses.
            return form.All(f => RequestJson.IsStorable(f.Key) && RequestJson.IsStorable(f.Value)) ? form : null;
        }
        catch (Exception ex) when (ex is InvalidDataException or BadHttpRequestException)
        {
            return null;
        }
    }
}
