namespace Herald.Providers.Instances;

/// <summary>
/// One instance's adapter and the limit on its calls in flight. Kept across weight changes and
/// replaced (then disposed once idle) only when the instance's settings change.
/// </summary>
public sealed class ProviderAdapter(object adapter, int maxConcurrency) : IAsyncDisposable
{
    private readonly SemaphoreSlim _slots = new(maxConcurrency, maxConcurrency);

    /// <summary>The adapter as <typeparamref name="T"/>, for what an adapter offers besides sending (a provider's events API).</summary>
    public T? As<T>()
        where T : class => adapter as T;

    public Task<ProviderResult> SendAsync(EmailMessage message, CancellationToken cancellationToken) =>
        adapter is IEmailProvider email
            ? WithinLimitAsync(ct => email.SendAsync(message, ct), cancellationToken)
            : throw new ProviderException(ProviderFailureKind.Technical, "this provider does not send email");

    public Task<ProviderResult> SendAsync(SmsMessage message, CancellationToken cancellationToken) =>
        adapter is ISmsProvider sms
            ? WithinLimitAsync(ct => sms.SendAsync(message, ct), cancellationToken)
            : throw new ProviderException(ProviderFailureKind.Technical, "this provider does not send SMS");

    private async Task<ProviderResult> WithinLimitAsync(Func<CancellationToken, Task<ProviderResult>> send, CancellationToken cancellationToken)
    {
        await _slots.WaitAsync(cancellationToken);
        try
        {
            return await send(cancellationToken);
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
