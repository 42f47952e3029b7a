using Herald.Queue;

namespace Herald.Jobs;

public static class JobsRegistration
{
    /// <summary>Bulk jobs: upload and validation, processing in batches, the minute check for due and stuck jobs.</summary>
    public static IHostApplicationBuilder AddJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<JobOptions>().BindConfiguration(JobOptions.Section)
            .Validate(o => o.BatchSize is >= 1 and <= 10_000, "Jobs:BatchSize must be 1 to 10000")
            .Validate(o => o.StuckAfter > TimeSpan.Zero, "Jobs:StuckAfter must be positive")
            .ValidateOnStart();
        builder.Services.AddSingleton<JobValidator>();
        builder.Services.AddSingleton<JobUploads>();
        builder.Services.AddSingleton<JobAdministration>();
        builder.Services.AddSingleton<JobProcessor>();
        builder.Services.AddSingleton<JobScheduleCheck>();
        builder.Services.AddQueueHandler<JobProcessor>();
        builder.Services.AddQueueHandler<JobScheduleCheck>();
        builder.Services.AddPeriodicTask(JobScheduleCheck.Schedule);
        return builder;
    }
}
