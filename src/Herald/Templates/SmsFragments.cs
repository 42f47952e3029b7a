namespace Herald.Templates;

/// <summary>Counts characters and fragments of a text message.</summary>
public static class SmsFragments
{
    /// <summary>Longest message Notify accepts, in characters: 6 concatenated GSM-7 fragments of 153.</summary>
    public const int MaxCharacters = 918;

    private const int Gsm7Single = 160;
    private const int Gsm7Part = 153;
    private const int Ucs2Single = 70;
    private const int Ucs2Part = 67;

    /// <summary>
    /// Measures <paramref name="text"/> as it will be sent. GSM-7 when every character is in the
    /// GSM 03.38 alphabet (extension characters <c>^{}\[~]|€</c> count 2): one fragment up to
    /// 160, then 153 each. Otherwise UCS-2 (Herald sends full Unicode rather than replacing it, unlike
    /// Notify): one fragment up to 70 UTF-16 units, then 67 each.
    /// </summary>
    public static SmsLength Measure(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var septets = 0;
        foreach (var c in text)
        {
            if (Gsm7Alphabet.IsBasic(c))
            {
                septets++;
            }
            else if (Gsm7Alphabet.IsExtended(c))
            {
                septets += 2;
            }
            else
            {
                return new SmsLength(text.Length, Fragments(text.Length, Ucs2Single, Ucs2Part), SmsEncoding.Ucs2);
            }
        }

        return new SmsLength(septets, Fragments(septets, Gsm7Single, Gsm7Part), SmsEncoding.Gsm7);
    }

    private static int Fragments(int characters, int single, int part) =>
        characters <= single ? 1 : (characters + part - 1) / part;
}
