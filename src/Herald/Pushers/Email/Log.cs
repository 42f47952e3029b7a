namespace Herald.Pushers.Email;

internal static partial class Log
{
    [LoggerMessage(8501, LogLevel.Warning, "Push:Email:TemplateDirectory {Directory} does not exist; using the built-in email templates")]
    public static partial void TemplateDirectoryMissing(ILogger logger, string directory);

    [LoggerMessage(8502, LogLevel.Information, "Email template {Name} comes from {Path}")]
    public static partial void TemplateOverridden(ILogger logger, string name, string path);
}
