using System.Security.Cryptography;
using System.Text;

namespace Herald.Integrations.Twilio;

/// <summary>
/// Twilio's webhook signature: base64 HMAC-SHA1, keyed with the auth token, of the full request
/// URL followed by every POST parameter's name and value, sorted by name.
/// </summary>
public static class TwilioSignature
{
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }

        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    public static bool IsValid(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form, string? signature) =>
        signature is not null && CryptographicOperations.FixedTimeEquals(
            Encoding.ASCII.GetBytes(Compute(authToken, url, form)), Encoding.ASCII.GetBytes(signature));
}
