namespace Herald.Tests.AdminUi;

/// <summary>The users the browser tests sign in as.</summary>
public static class AdminUsers
{
    public const string OwnerEmail = "owner@example.com";
    public const string Password = "correct horse battery";
}
