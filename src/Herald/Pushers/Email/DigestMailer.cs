using Herald.Providers;
using Herald.Providers.Instances;

namespace Herald.Pushers.Email;

/// <summary>
/// Hands a digest to one of Herald's email provider instances, chosen by weight as for the
/// Notify API's emails (the capture dev inbox when none is configured). The only place the email
/// pusher touches providers.
/// </summary>
public sealed class DigestMailer(ProviderSelector providers)
{
    /// <summary>Sends the digest; returns the name of the provider that took it.</summary>
    public async Task<string> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var instance = await providers.PickAsync(ProviderChannels.Email, international: false, cancellationToken);
        await instance.Adapter.SendAsync(message, cancellationToken);
        return instance.Name;
    }
}
