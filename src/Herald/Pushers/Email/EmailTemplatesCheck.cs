namespace Herald.Pushers.Email;

/// <summary>
/// Loads the digest templates at start-up, so an operator's template that does not parse stops
/// Herald with its path at once, and a missing template directory is warned about then, not at
/// the first digest hours later.
/// </summary>
internal sealed class EmailTemplatesCheck(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        services.GetRequiredService<DigestTemplates>();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
