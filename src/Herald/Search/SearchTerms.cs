using Herald.NotifyFormat;
using Herald.Recipients;
using Herald.Templates;

namespace Herald.Search;

/// <summary>
/// What one search looks for: the forms of the term that a stored <c>normalised_to</c> could contain,
/// the client reference, and the channel. A recipient is normalised exactly as a send normalises it, so
/// "Ada@Example.COM" finds ada@example.com and "07700 900123" finds 447700900123; a part of one is
/// normalised as far as it can be (lower-cased; a partial number's separators, plus signs and leading
/// zeros dropped, as the send drops them). A whole address or number is looked up as it is stored
/// (an index lookup); a part is matched anywhere in a stored recipient (a trigram index).
/// </summary>
/// <param name="Recipients">Parts of recipients, matched anywhere in <c>normalised_to</c>.</param>
/// <param name="WholeRecipients">Whole addresses and numbers in their stored form, matched exactly.</param>
public sealed record SearchTerms(IReadOnlyList<string> Recipients, IReadOnlyList<string> WholeRecipients, string? Reference, TemplateType? Channel)
{
    public const int MaxLength = 255;

    public const string Types = "email, sms or reference";

    /// <summary>
    /// Reads <c>q</c> and <c>type</c>. With no type the term is searched as a recipient of either
    /// channel and as a reference, never guessed to be one of them.
    /// </summary>
    public static SearchTerms Parse(string? q, string? type, PhoneNumberValidator phoneNumbers)
    {
        ArgumentNullException.ThrowIfNull(phoneNumbers);
        var term = (q ?? "").Trim();
        if (term.Length == 0)
        {
            throw NotifyApiException.Validation(["q is required: a recipient, part of one, or a reference"]);
        }

        if (!RequestJson.IsStorable(term))
        {
            throw NotifyApiException.Validation([RequestJson.Unstorable("q")]);
        }

        if (term.Length > MaxLength)
        {
            throw NotifyApiException.Validation([$"q must be at most {MaxLength} characters"]);
        }

        return type switch
        {
            null or "" => OfForms([EmailForm(term), PhoneForm(term, phoneNumbers)], term, null),
            "email" => OfForms([EmailForm(term)], null, TemplateType.Email),
            "sms" => OfForms([PhoneForm(term, phoneNumbers) ?? throw NotifyApiException.Validation(["q must be a phone number or part of one when type is sms"])],
                null, TemplateType.Sms),
            "reference" => new([], [], term, null),
            _ => throw NotifyApiException.Validation([$"type must be {Types}"]),
        };
    }

    private static SearchTerms OfForms(IEnumerable<Form?> forms, string? reference, TemplateType? channel)
    {
        var found = forms.OfType<Form>().Distinct().ToList();
        return new([.. found.Where(f => !f.Whole).Select(f => f.Value)], [.. found.Where(f => f.Whole).Select(f => f.Value)], reference, channel);
    }

    private static Form EmailForm(string term) =>
        EmailAddressValidator.Validate(term) is { IsValid: true, Normalised: { } email }
            ? new(email, Whole: true)
            : new(string.Concat(term.Where(c => !char.IsWhiteSpace(c))).ToLowerInvariant(), Whole: false);

    /// <summary>The term as stored for an SMS: a whole number in its E.164 digits, a part of one as digits; null if it is not digits.</summary>
    private static Form? PhoneForm(string term, PhoneNumberValidator phoneNumbers)
    {
        if (phoneNumbers.Validate(term, new PhoneNumberRules(AllowInternational: true, AllowLandline: true, AllowAnyType: true)) is { IsValid: true, Normalised: { } number })
        {
            return new(number, Whole: true);
        }

        var digits = PhoneNumberInput.Clean(term);
        if (digits is null || !digits.Any(char.IsAsciiDigit))
        {
            return null;
        }

        var part = PhoneNumberInput.Loosen(digits);
        return part.Length == 0 ? null : new(part, Whole: false);
    }

    private sealed record Form(string Value, bool Whole);
}
