using System.Globalization;
using System.Text.RegularExpressions;

namespace Herald.Recipients;

/// <summary>
/// Validates and normalises email recipients by Notify's rules, which are stricter than RFC 5322 in the local
/// part (no quotes or semicolons: they make email providers fail) and insist on a real hostname.
/// </summary>
public static partial class EmailAddressValidator
{
    /// <summary>RFC 5321's limit: 64 for the local part, 255 for the domain, plus the @.</summary>
    private const int MaxLength = 320;

    /// <summary>DNS's limit on a whole name (RFC 1035), after IDNA encoding.</summary>
    private const int MaxHostnameLength = 253;

    /// <summary>DNS's limit on one label (RFC 1035), after IDNA encoding.</summary>
    private const int MaxLabelLength = 63;

    private static readonly IdnMapping _idn = new();

    public static RecipientResult Validate(string input)
    {
        var address = RecipientWhitespace.RemoveZeroWidth(input ?? "").Trim(RecipientWhitespace.All.ToCharArray());
        var match = AddressPattern().Match(address);
        if (!match.Success || address.Length > MaxLength || address.Contains("..", StringComparison.Ordinal))
        {
            return Invalid();
        }

        var hostname = ToAscii(match.Groups["host"].Value);
        if (hostname is null || hostname.Length > MaxHostnameLength)
        {
            return Invalid();
        }

        var labels = hostname.Split('.');
        if (labels.Length < 2
            || !Array.TrueForAll(labels, label => label.Length is > 0 and <= MaxLabelLength && LabelPattern().IsMatch(label))
            || !TopLevelDomainPattern().IsMatch(labels[^1]))
        {
            return Invalid();
        }

        var localPart = match.Groups["local"].Value;
#pragma warning disable CA1308 // Notify stores addresses lower-cased; upper-casing would not round-trip.
        return RecipientResult.Valid($"{localPart.ToLowerInvariant()}@{hostname.ToLowerInvariant()}");
#pragma warning restore CA1308
    }

    /// <summary>The IDNA (punycode) form of a hostname, or null when it has an empty label or cannot be encoded.</summary>
    private static string? ToAscii(string hostname)
    {
        // IdnMapping accepts a trailing dot (the DNS root); an email domain must not have one.
        if (hostname.EndsWith('.'))
        {
            return null;
        }

        try
        {
            // Lower-case first: Herald runs with invariant globalization, where IdnMapping does not case-fold
            // (IDNA's nameprep does), so "BÜCHER.de" would otherwise encode differently from "bücher.de".
            // Nor does it NFC-normalise, so a decomposed "e\u0301" encodes differently from "é".
#pragma warning disable CA1308 // DNS names are compared lower-case; IDNA maps to lower case.
            return _idn.GetAscii(hostname.ToLowerInvariant());
#pragma warning restore CA1308
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static RecipientResult Invalid() => RecipientResult.Invalid(RecipientErrors.InvalidEmailAddress);

    // Local part: the characters Notify allows (letters, digits and !#$%&'*+/=?^_`{|}~.-); host: at least two
    // characters, not starting with a dot, no @ or whitespace. The host is checked label by label after IDNA.
    [GeneratedRegex(@"^(?<local>[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~\-]+)@(?<host>[^.@][^@\s]+)$")]
    private static partial Regex AddressPattern();

    // A hostname label: letters and digits, single hyphens inside, or "xn--" for punycode.
    [GeneratedRegex("^(xn|[a-z0-9]+)(-?-[a-z0-9]+)*$", RegexOptions.IgnoreCase)]
    private static partial Regex LabelPattern();

    // A top-level domain: letters only, or a punycode label.
    [GeneratedRegex("^([a-z]{2,63}|xn--([a-z0-9]+-)*[a-z0-9]+)$", RegexOptions.IgnoreCase)]
    private static partial Regex TopLevelDomainPattern();
}
