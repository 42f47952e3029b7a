namespace Herald.Providers.Instances;

/// <summary>
/// Reads the provider instances once as the process starts, writing those that configuration
/// declares: a mistake in a declaration is logged at start rather than at the first delivery,
/// the admin API lists configured instances at once, and a fresh worker's first deliveries find
/// the instances loaded or loading instead of starting the work themselves.
/// </summary>
internal sealed partial class ProviderStartupLoad(ProviderDirectory directory, ILogger<ProviderStartupLoad> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await directory.CurrentAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // Not fatal: deliveries load them again and retry until the database answers.
            LogFailed(logger, ex);
        }
    }

    [LoggerMessage(9007, LogLevel.Error, "Provider instances could not be read at start; deliveries will read them again")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
