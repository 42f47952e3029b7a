namespace Herald.Templates;

/// <summary>
/// The size of a text message: <paramref name="Characters"/> counts GSM-7 septets (an extension
/// character counts 2) or UTF-16 code units for UCS-2 (a character outside the BMP counts 2).
/// </summary>
public sealed record SmsLength(int Characters, int Fragments, SmsEncoding Encoding);
