namespace Herald.Recipients;

/// <summary>What a service may send text messages to, beyond UK mobiles (always allowed).</summary>
/// <param name="AllowInternational">Numbers outside +44 (the service has the international SMS permission).</param>
/// <param name="AllowLandline">UK landlines and other UK fixed-line or UAN numbers.</param>
/// <param name="AllowAnyType">
/// Any valid number, premium rate, freephone and VoIP included: for a sender, which a provider lends
/// (a US toll-free number is a common SMS sender), not for a recipient.
/// </param>
public sealed record PhoneNumberRules(bool AllowInternational, bool AllowLandline, bool AllowAnyType = false);
