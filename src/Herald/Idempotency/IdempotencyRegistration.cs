using Herald.Queue;

namespace Herald.Idempotency;

public static class IdempotencyRegistration
{
    /// <summary>Idempotent sends (<c>Idempotency-Key</c> on the /v2 send routes) and the hourly purge of expired keys.</summary>
    public static IHostApplicationBuilder AddIdempotency(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<IdempotencyOptions>().BindConfiguration(IdempotencyOptions.Section)
            .Validate(o => o.Wait >= TimeSpan.Zero && o.AbandonedAfter > TimeSpan.Zero, "Idempotency Wait must not be negative and AbandonedAfter must be positive.")
            .ValidateOnStart();
        services.AddSingleton<IdempotencyKeys>();
        services.AddQueueHandler<IdempotencyPurge>();
        services.AddPeriodicTask(IdempotencyPurge.Schedule);
        return builder;
    }
}
