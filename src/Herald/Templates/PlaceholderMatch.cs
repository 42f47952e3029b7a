namespace Herald.Templates;

/// <summary>
/// One <c>((name))</c> or <c>((name??text))</c> in template text. <see cref="Name"/> is as written;
/// <see cref="ConditionalText"/> is null for a plain placeholder.
/// </summary>
internal readonly record struct PlaceholderMatch(int Index, int Length, string Name, string? ConditionalText);
