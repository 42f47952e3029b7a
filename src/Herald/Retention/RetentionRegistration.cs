using Herald.Queue;

namespace Herald.Retention;

public static class RetentionRegistration
{
    /// <summary>Retention per service and channel, and the nightly archive into history.</summary>
    public static IHostApplicationBuilder AddRetention(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RetentionOptions>().BindConfiguration(RetentionOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<RetentionAdministration>();
        services.AddSingleton<RetentionMetrics>();
        services.AddSingleton<NotificationArchiver>();
        services.AddQueueHandler<NotificationArchiver>();
        services.AddPeriodicTask(NotificationArchiver.Schedule);
        return builder;
    }
}
