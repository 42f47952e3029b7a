using System.Text;

namespace Herald.Templates;

/// <summary>Turns a link address from a template into a safe href attribute value.</summary>
internal static class LinkTarget
{
    private static readonly string[] _allowedSchemes = ["http:", "https:", "mailto:", "tel:"];

    /// <summary>
    /// The address percent-encoded where a URL may not hold the character (quotes, spaces,
    /// angle brackets, non-ASCII) and with '&amp;' escaped for HTML, or null when the scheme is
    /// not http, https, mailto or tel (so "javascript:" never becomes a link). An address with no
    /// scheme gets "http://", as Notify does for bare domains.
    /// </summary>
    public static string? ToHref(string address)
    {
        address = address.Trim();
        if (address.Length == 0)
        {
            return null;
        }

        var colon = address.IndexOf(':', StringComparison.Ordinal);
        var slash = address.IndexOf('/', StringComparison.Ordinal);
        var hasScheme = colon > 0 && (slash < 0 || colon < slash);
        if (hasScheme && !_allowedSchemes.Any(s => address.StartsWith(s, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        if (!hasScheme)
        {
            address = "http://" + address;
        }

        var href = new StringBuilder(address.Length);
        foreach (var b in Encoding.UTF8.GetBytes(address))
        {
            var c = (char)b;
            if (b < 0x80 && b > 0x20 && b != 0x7F && c is not ('"' or '<' or '>' or '\\' or '^' or '`' or '{' or '|' or '}'))
            {
                if (c == '&')
                {
                    href.Append("&amp;");
                }
                else
                {
                    href.Append(c);
                }
            }
            else
            {
                href.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return href.ToString();
    }
}
