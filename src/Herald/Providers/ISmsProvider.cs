namespace Herald.Providers;

/// <summary>An SMS provider adapter. Throws <see cref="ProviderException"/> for classified failures; any other exception is retried.</summary>
public interface ISmsProvider
{
    string Name { get; }

    Task<ProviderResult> SendAsync(SmsMessage message, CancellationToken cancellationToken);
}
