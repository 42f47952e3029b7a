namespace Herald.Providers.Instances;

/// <summary>
/// One instance's adapter and the limit on its calls in flight. Kept across weight changes and
/// replaced (then disposed once idle) only when the instance's settings change.
/// </summary>
public sealed class ProviderAdapter(object adapter, int maxConcurrency) : IAsyncDisposable
{
    private readonly SemaphoreSlim _slots = new(maxConcurrency, maxConcurrency);

    public async Task<ProviderResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var email = adapter as IEmailProvider ?? throw new ProviderException(ProviderFailureKind.Technical, "this provider does not send email");
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await email.SendAsync(message, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    public async Task<ProviderResult> SendAsync(SmsMessage message, CancellationToken cancellationToken)
    {
        var sms = adapter as ISmsProvider ?? throw new ProviderException(ProviderFailureKind.Technical, "this provider does not send SMS");
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await sms.SendAsync(message, cancellationToken);
        }
        finally
        {
            _slots.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (adapter is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }
}
