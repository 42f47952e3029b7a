namespace Herald.Admin;

public static class AdminRegistration
{
    /// <summary>The admin token, which (or a user's token) every feature's admin endpoints require (<see cref="AdminEndpoints"/>).</summary>
    public static IHostApplicationBuilder AddAdmin(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<AdminToken>();
        return builder;
    }
}
