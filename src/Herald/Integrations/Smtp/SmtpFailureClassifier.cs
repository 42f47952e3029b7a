using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Herald.Providers;

namespace Herald.Integrations.Smtp;

/// <summary>Sorts SMTP failures into retry, permanent for the recipient, or our configuration.</summary>
internal static class SmtpFailureClassifier
{
    public static ProviderException Classify(Exception exception) => exception switch
    {
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } c when (int)c.StatusCode >= 500 =>
            new ProviderException(ProviderFailureKind.PermanentForRecipient, $"recipient refused: {(int)c.StatusCode} {c.Message}", exception),
        SmtpCommandException c when (int)c.StatusCode >= 400 && (int)c.StatusCode < 500 =>
            new ProviderException(ProviderFailureKind.Retryable, $"temporary refusal: {(int)c.StatusCode} {c.Message}", exception),
        SmtpCommandException c =>
            new ProviderException(ProviderFailureKind.Technical, $"server refused the message: {(int)c.StatusCode} {c.Message}", exception),
        AuthenticationException =>
            new ProviderException(ProviderFailureKind.Technical, $"authentication failed: {exception.Message}", exception),
        SslHandshakeException =>
            new ProviderException(ProviderFailureKind.Technical, $"TLS handshake failed: {exception.Message}", exception),
        SmtpProtocolException or ServiceNotConnectedException or IOException or SocketException or TimeoutException or OperationCanceledException =>
            new ProviderException(ProviderFailureKind.Retryable, $"connection problem: {exception.Message}", exception),
        _ => new ProviderException(ProviderFailureKind.Retryable, exception.Message, exception),
    };
}
