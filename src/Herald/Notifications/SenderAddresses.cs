using System.Text;
using Herald.Services;

namespace Herald.Notifications;

/// <summary>The sender a service's email and SMS go out from.</summary>
internal static class SenderAddresses
{
    public static string EmailFrom(ServiceRecord service, NotificationOptions options) =>
        service.EmailFrom ?? $"{Slug(service.Name)}@{options.EmailFromDomain}";

    public static string SmsFrom(ServiceRecord service, NotificationOptions options) => service.SmsSender ?? options.DefaultSmsSender;

    private static string Slug(string name)
    {
        var slug = new StringBuilder();
        foreach (var c in name.ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(c);
            }
            else if (slug.Length > 0 && slug[^1] != '.')
            {
                slug.Append('.');
            }
        }

        var text = slug.ToString().Trim('.');
        return text.Length == 0 ? "service" : text;
    }
}
