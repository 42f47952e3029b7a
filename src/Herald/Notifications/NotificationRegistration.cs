namespace Herald.Notifications;

public static class NotificationRegistration
{
    /// <summary>Notifications' storage: the group-commit writer of accepted notifications, the one home of their status, their metrics, and personalisation's encryption.</summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        services.AddOptions<NotificationStatusOptions>().BindConfiguration(NotificationStatusOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<NotificationWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationWriter>());
        services.AddSingleton<NotificationStatusUpdater>();
        services.AddSingleton<PersonalisationProtector>();
        services.AddSingleton<NotificationEvents>();
        return builder;
    }
}
