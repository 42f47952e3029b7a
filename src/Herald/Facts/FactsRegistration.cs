using Herald.Queue;

namespace Herald.Facts;

public static class FactsRegistration
{
    /// <summary>The daily facts, rebuilt nightly, and the statistics read from them.</summary>
    public static IHostApplicationBuilder AddFacts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<FactsBuilder>();
        services.AddQueueHandler<FactsBuilder>();
        services.AddPeriodicTask(FactsBuilder.Schedule);
        services.AddSingleton<ServiceStatistics>();
        services.AddQueueHandler<NightlyRunCheck>();
        services.AddPeriodicTask(NightlyRunCheck.Schedule);
        return builder;
    }
}
