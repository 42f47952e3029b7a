namespace Herald.Recipients;

/// <summary>What a service may send text messages to, beyond UK mobiles (always allowed).</summary>
/// <param name="AllowInternational">Numbers outside +44 (the service has the international SMS permission).</param>
/// <param name="AllowLandline">UK landlines and other UK fixed-line or UAN numbers.</param>
public sealed record PhoneNumberRules(bool AllowInternational, bool AllowLandline);
