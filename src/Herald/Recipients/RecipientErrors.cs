namespace Herald.Recipients;

/// <summary>
/// Notify's recipient error messages, as its v2 API returns them after the field name
/// (<c>"phone_number Not a UK mobile number"</c>, <c>"email_address Not a valid email address"</c>).
/// </summary>
public static class RecipientErrors
{
    /// <summary>A number outside +44 without the international permission, or a UK landline without the landline permission.</summary>
    public const string NotAUkMobile = "Not a UK mobile number";

    /// <summary>Anything but digits, whitespace and <c>( ) - +</c>.</summary>
    public const string LettersOrSymbols = "Must not contain letters or symbols";

    public const string TooManyDigits = "Too many digits";

    public const string NotEnoughDigits = "Not enough digits";

    /// <summary>A country calling code no country uses (or a global service code such as +800).</summary>
    public const string InvalidCountryPrefix = "Not a valid country prefix";

    /// <summary>
    /// The right length but not a number in use, or a denied type (premium rate, freephone, shared cost...).
    /// Notify's current wording, with its en dash.
    /// </summary>
    public const string InvalidPhoneNumber = "Number is not valid \u2013 double check the phone number you entered";

    public const string InvalidEmailAddress = "Not a valid email address";
}
