using System.Text;

namespace Herald.Templates;

/// <summary>Size limits Notify applies to rendered templates.</summary>
public static class TemplateLimits
{
    /// <summary>
    /// Largest email body Notify accepts, in UTF-8 bytes of the substituted template text
    /// (<see cref="RenderedTemplate.Body"/>), not of the rendered HTML.
    /// </summary>
    public const int MaxEmailBodyBytes = 2_000_000;

    /// <summary>True when an email body is over <see cref="MaxEmailBodyBytes"/>.</summary>
    public static bool IsEmailBodyTooLong(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        // Cheap exits first: UTF-8 needs at least one and at most three bytes per UTF-16 unit.
        if (body.Length > MaxEmailBodyBytes)
        {
            return true;
        }

        if (body.Length * 3 <= MaxEmailBodyBytes)
        {
            return false;
        }

        return Encoding.UTF8.GetByteCount(body) > MaxEmailBodyBytes;
    }
}
