namespace Herald.Auth;

public static class AuthRegistration
{
    /// <summary>Notify's API key tokens, checked for <c>/v2</c> and <c>/v2/push</c>.</summary>
    public static IHostApplicationBuilder AddApiKeyAuthentication(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<ApiAuthenticator>();
        return builder;
    }
}
