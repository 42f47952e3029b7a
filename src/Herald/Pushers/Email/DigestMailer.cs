using Herald.Providers;

namespace Herald.Pushers.Email;

/// <summary>
/// Hands a digest to Herald's configured email provider (the capture dev inbox by default), the
/// one the Notify API's emails go through. The only place the email pusher touches providers.
/// </summary>
public sealed class DigestMailer(IEmailProvider provider)
{
    /// <summary>Sends the digest; returns the name of the provider that took it.</summary>
    public async Task<string> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        await provider.SendAsync(message, cancellationToken);
        return provider.Name;
    }
}
