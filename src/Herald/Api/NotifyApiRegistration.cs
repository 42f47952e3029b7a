
namespace Herald.Api;

public static class NotifyApiRegistration
{
    /// <summary>The Notify-compatible <c>/v2</c> API: sending, lists, templates and Notify's error format.</summary>
    public static IHostApplicationBuilder AddNotifyApi(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<NotificationSender>();
        services.AddSingleton<NotificationQueries>();
        services.AddSingleton<TemplateQueries>();
        services.AddSingleton<NotifyRequestContext>();
        services.AddExceptionHandler<NotifyErrorHandler>();
        services.AddProblemDetails();
        return builder;
    }
}
