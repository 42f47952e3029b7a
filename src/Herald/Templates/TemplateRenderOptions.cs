namespace Herald.Templates;

/// <summary>Per-service rendering choices.</summary>
/// <param name="SmsPrefix">
/// Usually the service name. When set (and not blank) text messages start with
/// "<c>SmsPrefix: </c>", as Notify does for services that have the prefix turned on.
/// </param>
public sealed record TemplateRenderOptions(string? SmsPrefix = null);
