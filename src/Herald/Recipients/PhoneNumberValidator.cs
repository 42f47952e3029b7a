using Microsoft.Extensions.Options;
using PhoneNumbers;

namespace Herald.Recipients;

/// <summary>
/// Validates and normalises SMS recipients the way GOV.UK Notify does: libphonenumber decides what a number is,
/// the service's permissions decide whether it may be sent to. Thread-safe; register as a singleton.
/// </summary>
public sealed class PhoneNumberValidator(IOptions<RecipientOptions> options)
{
    private const int UkCountryCode = 44;

    // Ofcom reserves 07700 900000 to 07700 900999 for drama; libphonenumber calls them invalid, Notify accepts
    // them as UK mobiles (its smoke tests and simulated numbers live there).
    private const long DramaRangeStart = 7_700_900_000;
    private const long DramaRangeEnd = 7_700_900_999;

    private static readonly PhoneNumberUtil _util = PhoneNumberUtil.GetInstance();

    private readonly string _region = options.Value.DefaultRegion.ToUpperInvariant();

    public RecipientResult Validate(string input, PhoneNumberRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var digits = PhoneNumberInput.Clean(input ?? "");
        if (digits is null)
        {
            return RecipientResult.Invalid(RecipientErrors.LettersOrSymbols);
        }

        if (!digits.Any(char.IsAsciiDigit))
        {
            return RecipientResult.Invalid(RecipientErrors.NotEnoughDigits);
        }

        var (number, error) = Read(digits, rules);
        if (number is null)
        {
            var loosened = PhoneNumberInput.Loosen(digits);
            if (loosened.Length > 0 && loosened != digits)
            {
                var (second, secondError) = Read(loosened, rules);
                number = second;
                // An explicit but unknown country code is the clearer message; otherwise report the
                // second reading, as Notify does.
                error = error == RecipientErrors.InvalidCountryPrefix ? error : secondError;
            }
        }

        if (number is null)
        {
            return RecipientResult.Invalid(error ?? RecipientErrors.InvalidPhoneNumber);
        }

        var isUk = number.CountryCode == UkCountryCode;
        if (!isUk && !rules.AllowInternational)
        {
            return RecipientResult.Invalid(RecipientErrors.NotAUkMobile);
        }

        if (isUk && !rules.AllowLandline && IsLandline(number))
        {
            return RecipientResult.Invalid(RecipientErrors.NotAUkMobile);
        }

        var e164 = _util.Format(number, PhoneNumberFormat.E164);
        return RecipientResult.Valid(e164[1..], isInternational: !isUk);
    }

    /// <summary>Parses one candidate and checks it is a possible, valid number of a type Notify sends to.</summary>
    private (PhoneNumber? Number, string? Error) Read(string candidate, PhoneNumberRules rules)
    {
        PhoneNumber number;
        try
        {
            number = _util.Parse(candidate, _region);
        }
        catch (NumberParseException ex)
        {
            return (null, MessageFor(ex.ErrorType));
        }

        var reason = _util.IsPossibleNumberWithReason(number);
        if (reason != PhoneNumberUtil.ValidationResult.IS_POSSIBLE)
        {
            // Spreadsheets strip the + from international numbers, so "33612345678" is read as a (too long)
            // national number; try it as international before giving up.
            var forced = candidate.StartsWith('+') ? null : TryParseInternational(candidate);
            if (forced is null)
            {
                return (null, MessageFor(reason));
            }

            number = forced;
        }

        if (IsDramaNumber(number))
        {
            return (number, null);
        }

        // "001" is a global service (+800 freephone, +882 satellite...): no country, nothing to bill.
        if (_util.GetRegionCodeForCountryCode(number.CountryCode) is "ZZ" or "001")
        {
            return (null, RecipientErrors.InvalidCountryPrefix);
        }

        if (!_util.IsValidNumber(number) || (!rules.AllowAnyType && !IsAllowedType(_util.GetNumberType(number))))
        {
            return (null, RecipientErrors.InvalidPhoneNumber);
        }

        return (number, null);
    }

    private static PhoneNumber? TryParseInternational(string candidate)
    {
        try
        {
            var number = _util.Parse("+" + candidate, "ZZ");
            return _util.IsPossibleNumber(number) ? number : null;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    private static bool IsDramaNumber(PhoneNumber number) =>
        number.CountryCode == UkCountryCode
        && number.NationalNumber is >= DramaRangeStart and <= DramaRangeEnd;

    private static bool IsLandline(PhoneNumber number) =>
        !IsDramaNumber(number)
        && _util.GetNumberType(number) is PhoneNumberType.FIXED_LINE or PhoneNumberType.FIXED_LINE_OR_MOBILE or PhoneNumberType.UAN;

    // Notify's allow list. Everything else is refused: premium rate, shared cost (084x), freephone (080x),
    // VoIP, pagers, voicemail access and numbers of unknown type.
    private static bool IsAllowedType(PhoneNumberType type) =>
        type is PhoneNumberType.MOBILE
            or PhoneNumberType.FIXED_LINE
            or PhoneNumberType.FIXED_LINE_OR_MOBILE
            or PhoneNumberType.UAN
            or PhoneNumberType.PERSONAL_NUMBER;

    private static string MessageFor(ErrorType error) => error switch
    {
        ErrorType.INVALID_COUNTRY_CODE => RecipientErrors.InvalidCountryPrefix,
        ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => RecipientErrors.NotEnoughDigits,
        ErrorType.TOO_LONG => RecipientErrors.TooManyDigits,
        _ => RecipientErrors.InvalidPhoneNumber,
    };

    private static string MessageFor(PhoneNumberUtil.ValidationResult reason) => reason switch
    {
        PhoneNumberUtil.ValidationResult.TOO_LONG => RecipientErrors.TooManyDigits,
        // "Possible local only" is a number missing its area code: too short to dial from elsewhere.
        PhoneNumberUtil.ValidationResult.TOO_SHORT or PhoneNumberUtil.ValidationResult.IS_POSSIBLE_LOCAL_ONLY => RecipientErrors.NotEnoughDigits,
        PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE => RecipientErrors.InvalidCountryPrefix,
        _ => RecipientErrors.InvalidPhoneNumber,
    };
}
