namespace Herald.Templates;

/// <summary>A template with its personalisation applied.</summary>
/// <param name="Subject">Email: placeholders substituted, one line, whitespace normalised. Null for SMS.</param>
/// <param name="Body">
/// The substituted template text as Notify returns it in API <c>body</c> fields: for email the
/// markdown source, for SMS the message as sent (with the prefix when one applies).
/// </param>
/// <param name="Html">Email: the body rendered to an HTML fragment. Null for SMS.</param>
/// <param name="PlainText">Email: the body rendered for the text/plain part. Null for SMS.</param>
/// <param name="MissingPlaceholders">
/// Placeholder names (as written in the template) with no value supplied. Non-empty means the
/// caller answers 400 "Missing personalisation: a, b".
/// </param>
public sealed record RenderedTemplate(
    string? Subject,
    string Body,
    string? Html,
    string? PlainText,
    IReadOnlyList<string> MissingPlaceholders);
