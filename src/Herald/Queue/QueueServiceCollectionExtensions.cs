using Herald.Queue.Periodic;
using Herald.Storage;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Herald.Settings;

namespace Herald.Queue;

public static class QueueServiceCollectionExtensions
{
    /// <summary>The queue writer everywhere; the workers, listener and scheduler only in the worker role.</summary>
    public static IHostApplicationBuilder AddQueue(this IHostApplicationBuilder builder, HeraldRole role)
    {
        var services = builder.Services;
        services.AddOptions<QueueOptions>().BindConfiguration(QueueOptions.Section).ValidateDataAnnotations()
            .Validate(o => Array.TrueForAll([o.DefaultBackoff, .. o.Backoff.Values], IsValidSchedule), "Queue backoff schedules must parse (e.g. \"0s,48*5m\").")
            .Validate(o => o.LeaseDuration > TimeSpan.Zero && o.PollInterval > TimeSpan.Zero, "Queue LeaseDuration and PollInterval must be positive.")
            .ValidateOnStart();
        services.AddOptions<PeriodicOptions>().BindConfiguration(PeriodicOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<QueueSignal>();
        services.AddSingleton<IInterceptor, QueueWakeInterceptor>();
        services.AddSingleton<QueueMetrics>();
        services.AddSingleton<BackoffPolicy>();
        services.AddSingleton<QueueWriter>();
        services.AddSingleton(sp => QueueStoreFactory.Create(sp.GetRequiredService<HeraldDatabase>()));
        services.AddSingleton<QueueAdministration>();

        // Every role commits queue items (the API its deliveries), so every role tells the others.
        services.AddHostedService<PostgresQueueNotifier>();
        if (role.RunsWorkers())
        {
            services.AddSingleton<QueueWorker>();
            services.AddHostedService(sp => sp.GetRequiredService<QueueWorker>());
            services.AddHostedService<PeriodicScheduler>();
            services.AddHostedService<QueueBacklogSampler>();
            services.AddHostedService<PostgresQueueListener>();
        }

        return builder;
    }

    public static IServiceCollection AddQueueHandler<THandler>(this IServiceCollection services)
        where THandler : class, IQueueHandler
    {
        services.TryAddSingleton<THandler>();
        services.AddSingleton<IQueueHandler>(sp => sp.GetRequiredService<THandler>());
        return services;
    }

    public static IServiceCollection AddPeriodicTask(this IServiceCollection services, PeriodicTask task)
    {
        services.AddSingleton(task);
        return services;
    }

    private static bool IsValidSchedule(string text)
    {
        try
        {
            BackoffSchedule.Parse(text);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
