using Herald.Storage;

namespace Herald.Limits;

public static class LimitsRegistration
{
    /// <summary>Per-key rate limits (in memory on SQLite, shared buckets on PostgreSQL) and daily limits.</summary>
    public static IHostApplicationBuilder AddLimits(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<IRateLimiter>(sp => sp.GetRequiredService<HeraldDatabase>().Provider == DatabaseProvider.Postgres
            ? ActivatorUtilities.CreateInstance<PostgresRateLimiter>(sp)
            : ActivatorUtilities.CreateInstance<MemoryRateLimiter>(sp));
        services.AddSingleton<DailyLimits>();
        return builder;
    }
}
