using Herald.Queue;

namespace Herald.Analytics;

public static class AnalyticsRegistration
{
    /// <summary>Email event analytics: the storage rules, suppressions, the soft-bounce sweep and the fetch loops.</summary>
    public static IHostApplicationBuilder AddAnalytics(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AnalyticsOptions>().BindConfiguration(AnalyticsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<AnalyticsMetrics>();
        services.AddSingleton<AnalyticsEventStore>();
        services.AddSingleton<SuppressionList>();
        services.AddSingleton<AnalyticsEventsHandler>();
        services.AddQueueHandler<AnalyticsEventsHandler>();
        services.AddSingleton<TemporaryFailureSweep>();
        services.AddQueueHandler<TemporaryFailureSweep>();
        services.AddPeriodicTask(TemporaryFailureSweep.Schedule);
        services.AddSingleton<AnalyticsLoops>();
        services.AddSingleton<AnalyticsFetchHandler>();
        services.AddQueueHandler<AnalyticsFetchHandler>();
        var interval = builder.Configuration.GetValue($"{AnalyticsOptions.Section}:{nameof(AnalyticsOptions.Interval)}", new AnalyticsOptions().Interval);
        services.AddPeriodicTask(AnalyticsFetchHandler.Schedule(interval));
        return builder;
    }
}
