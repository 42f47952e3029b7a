namespace Herald.AdminUi;

internal static partial class Log
{
    [LoggerMessage(9501, LogLevel.Warning, "Admin UI sign-in refused from {RemoteAddress}")]
    public static partial void SignInRefused(ILogger logger, string remoteAddress);

    [LoggerMessage(9502, LogLevel.Information, "Admin UI user {UserId} signed in")]
    public static partial void SignedIn(ILogger logger, Guid userId);
}
