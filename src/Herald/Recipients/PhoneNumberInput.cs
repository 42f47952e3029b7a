namespace Herald.Recipients;

/// <summary>Reduces what a person typed or pasted to the digits and plus signs libphonenumber reads.</summary>
internal static class PhoneNumberInput
{
    // Separators people write between digit groups. Besides ( ) - Notify forgives the dashes that word
    // processors substitute for a hyphen: hyphen, non-breaking hyphen, figure dash, en dash, em dash,
    // horizontal bar and minus sign.
    private const string Separators = "()-\u2010\u2011\u2012\u2013\u2014\u2015\u2212";

    /// <summary>The input with whitespace and separators removed; null when anything else is not a digit or <c>+</c>.</summary>
    public static string? Clean(string input)
    {
        var kept = new char[input.Length];
        var length = 0;
        foreach (var c in input)
        {
            if (char.IsAsciiDigit(c) || c == '+')
            {
                kept[length++] = c;
            }
            else if (!RecipientWhitespace.All.Contains(c, StringComparison.Ordinal) && !Separators.Contains(c, StringComparison.Ordinal))
            {
                return null;
            }
        }

        return new string(kept, 0, length);
    }

    /// <summary>
    /// Notify's second chance for near-valid input such as <c>0+447700900100</c>, <c>+07700900100</c> or
    /// <c>000007700900100</c>: drop every plus sign and the leading zeros. Only tried after the number as written
    /// fails, so that <c>+1 500 555 1234</c> is never mistaken for a UK landline.
    /// </summary>
    public static string Loosen(string digits) => digits.Replace("+", "", StringComparison.Ordinal).TrimStart('0');
}
