namespace Herald.Recipients;

/// <summary>The outcome of validating one recipient.</summary>
/// <param name="IsValid">Whether the service may send to the recipient.</param>
/// <param name="Normalised">The form to store in <c>normalised_to</c> and hand to providers; null when invalid.</param>
/// <param name="Error">Notify's message without the field name (see <see cref="RecipientErrors"/>); null when valid.</param>
/// <param name="IsInternational">True for phone numbers outside +44.</param>
public sealed record RecipientResult(bool IsValid, string? Normalised, string? Error, bool IsInternational = false)
{
    public static RecipientResult Valid(string normalised, bool isInternational = false) =>
        new(true, normalised, null, isInternational);

    public static RecipientResult Invalid(string error) => new(false, null, error);
}
