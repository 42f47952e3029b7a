namespace Herald.Providers;

/// <summary>An email provider adapter. Throws <see cref="ProviderException"/> for classified failures; any other exception is retried.</summary>
public interface IEmailProvider
{
    string Name { get; }

    Task<ProviderResult> SendAsync(EmailMessage message, CancellationToken cancellationToken);
}
