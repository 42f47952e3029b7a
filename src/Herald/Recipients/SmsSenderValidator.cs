namespace Herald.Recipients;

/// <summary>
/// A service's SMS sender: an alphanumeric sender id (1 to 11 characters, Notify's rule), a short
/// code (up to <see cref="MaxShortCodeDigits"/> digits, no <c>+</c>) or a phone number in any form
/// people write one (<c>07700 900500</c>, <c>447700900500</c>, <c>+447700900500</c>), kept in E.164
/// (<c>+447700900500</c>). Providers refuse a long number in national form: Twilio wants E.164 with
/// the plus (error 21212 otherwise), Vonage E.164 digits without it. Thread-safe.
/// </summary>
public sealed class SmsSenderValidator(PhoneNumberValidator phoneNumbers)
{
    public const int MaxAlphanumericLength = 11;

    /// <summary>Short codes are 5 or 6 digits in the UK and US, fewer in some countries.</summary>
    public const int MaxShortCodeDigits = 6;

    /// <summary>E.164's longest number.</summary>
    private const int MaxPhoneNumberDigits = 15;

    public const string InvalidSender = "must be 1 to 11 letters or digits, or a phone number";

    private static readonly PhoneNumberRules AnyNumber = new(AllowInternational: true, AllowLandline: true, AllowAnyType: true);

    /// <summary>Valid with the form to store and send (a phone number in E.164 with its <c>+</c>); the reason otherwise.</summary>
    public RecipientResult Validate(string sender)
    {
        ArgumentNullException.ThrowIfNull(sender);
        if (PhoneNumberInput.Clean(sender) is not { } digits || !digits.Any(char.IsAsciiDigit))
        {
            return sender.Length is > 0 and <= MaxAlphanumericLength ? RecipientResult.Valid(sender) : RecipientResult.Invalid(InvalidSender);
        }

        if (!digits.Contains('+', StringComparison.Ordinal) && digits.Length <= MaxShortCodeDigits)
        {
            return RecipientResult.Valid(digits);
        }

        if (digits.Count(char.IsAsciiDigit) > MaxPhoneNumberDigits)
        {
            return RecipientResult.Invalid(InvalidSender);
        }

        var number = phoneNumbers.Validate(sender, AnyNumber);
        return number.IsValid ? RecipientResult.Valid("+" + number.Normalised, number.IsInternational) : number;
    }

    /// <summary>
    /// The sender in E.164 (<c>+447700900500</c>) when it is a phone number; a short code, an
    /// alphanumeric id, or anything that cannot be read (a provider's refusal is the clearer
    /// message then) as it is. For senders stored before they were validated, and configured ones.
    /// </summary>
    public string E164(string sender) => Validate(sender) is { IsValid: true, Normalised: { } normalised } ? normalised : sender;
}
