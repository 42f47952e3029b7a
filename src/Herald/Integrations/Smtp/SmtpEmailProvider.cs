using System.Collections.Concurrent;
using MailKit.Net.Smtp;
using MailKit.Security;
using Herald.Providers;

namespace Herald.Integrations.Smtp;

/// <summary>
/// Sends email through an SMTP server with MailKit, reusing up to <see cref="SmtpOptions.PoolSize"/>
/// connections (which also bounds the provider's concurrency). A connection that has been idle
/// for <see cref="CheckIdleAfter"/> is checked with NOOP before it is used again; one in steady
/// use is not, so a busy pool costs no extra round trip per message.
/// </summary>
public sealed class SmtpEmailProvider(string name, SmtpOptions options, TimeProvider time) : IEmailProvider, IAsyncDisposable
{
    public const string ProviderName = "smtp";

    /// <summary>Idle time after which a pooled connection is checked before use: well below the few minutes servers keep idle connections.</summary>
    public static readonly TimeSpan CheckIdleAfter = TimeSpan.FromSeconds(10);

    private readonly SmtpOptions _options = options;
    private readonly ConcurrentBag<(SmtpClient Client, long IdleSince)> _idle = [];
    private readonly SemaphoreSlim _slots = new(options.PoolSize, options.PoolSize);

    public string Name => name;

    public async Task<ProviderResult> SendAsync(EmailMessage message, CancellationToken cancellationToken)
    {
        var mime = SmtpMessageBuilder.Build(_options.From is { Length: > 0 } from ? message with { From = from } : message, _options.MessageIdDomain);
        await _slots.WaitAsync(cancellationToken);
        SmtpClient? client = null;
        try
        {
            client = await ConnectedClientAsync(cancellationToken);
            await client.SendAsync(mime, cancellationToken);
            _idle.Add((client, time.GetTimestamp()));
            client = null;
            return new ProviderResult(mime.MessageId ?? message.NotificationId.ToString(), _options.AcceptedMeansDelivered ? time.GetUtcNow() : null);
        }
        catch (Exception ex) when (ex is not ProviderException && !(ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            throw SmtpFailureClassifier.Classify(ex);
        }
        finally
        {
            if (client is not null)
            {
                // A client that failed is not trusted again.
                await DisposeAsync(client);
            }

            _slots.Release();
        }
    }

    private async Task<SmtpClient> ConnectedClientAsync(CancellationToken cancellationToken)
    {
        while (_idle.TryTake(out var pooled))
        {
            var idle = pooled.Client;
            if (idle.IsConnected)
            {
                if (time.GetElapsedTime(pooled.IdleSince) < CheckIdleAfter)
                {
                    return idle;
                }

                try
                {
                    await idle.NoOpAsync(cancellationToken);
                    return idle;
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The server closed an idle connection; open a new one.
                }
            }

            await DisposeAsync(idle);
        }

        var client = new SmtpClient { Timeout = (int)_options.Timeout.TotalMilliseconds };
        var security = _options.Security switch
        {
            SmtpSecurity.None => SecureSocketOptions.None,
            SmtpSecurity.Tls => SecureSocketOptions.SslOnConnect,
            _ => SecureSocketOptions.StartTls,
        };
        await client.ConnectAsync(_options.Host, _options.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(_options.Username))
        {
            await client.AuthenticateAsync(_options.Username, _options.Password ?? "", cancellationToken);
        }

        return client;
    }

    private static async Task DisposeAsync(SmtpClient client)
    {
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(quit: true, CancellationToken.None);
            }
        }
        catch (Exception ex) when (ex is IOException or MailKit.Net.Smtp.SmtpProtocolException or MailKit.ServiceNotConnectedException)
        {
        }
        finally
        {
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var pooled))
        {
            await DisposeAsync(pooled.Client);
        }
    }
}
