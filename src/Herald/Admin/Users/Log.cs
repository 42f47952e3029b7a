namespace Herald.Admin.Users;

internal static partial class Log
{
    [LoggerMessage(4101, LogLevel.Warning, "No admin users: created the owner {Email}, whose password is in {Path}. Sign in, change the password and delete the file; Admin:CreateFirstOwner=false turns this off")]
    public static partial void FirstOwnerCreated(ILogger logger, string email, string path);
}
