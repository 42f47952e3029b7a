using MailKit.Net.Smtp;
using MailKit.Security;
using Herald.Providers;
using MimeKit;
using Herald.Integrations.Smtp;

namespace Herald.Tests.Providers;

public sealed class SmtpFailureClassifierTests
{
    [Fact]
    public void A_refused_recipient_is_permanent_for_that_recipient()
    {
        var refused = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, new MailboxAddress("", "x@example.com"), "no such user");

        Assert.Equal(ProviderFailureKind.PermanentForRecipient, SmtpFailureClassifier.Classify(refused).Kind);
    }

    [Fact]
    public void A_4xx_answer_is_retried()
    {
        var busy = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy, new MailboxAddress("", "x@example.com"), "try later");

        Assert.Equal(ProviderFailureKind.Retryable, SmtpFailureClassifier.Classify(busy).Kind);
    }

    [Fact]
    public void A_refused_sender_or_bad_credentials_is_our_configuration()
    {
        var sender = new SmtpCommandException(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.MailboxNameNotAllowed, new MailboxAddress("", "me@example.com"), "not allowed");

        Assert.Equal(ProviderFailureKind.Technical, SmtpFailureClassifier.Classify(sender).Kind);
        Assert.Equal(ProviderFailureKind.Technical, SmtpFailureClassifier.Classify(new AuthenticationException("535 bad credentials")).Kind);
    }

    [Fact]
    public void Connection_problems_are_retried()
    {
        Assert.Equal(ProviderFailureKind.Retryable, SmtpFailureClassifier.Classify(new IOException("reset")).Kind);
        Assert.Equal(ProviderFailureKind.Retryable, SmtpFailureClassifier.Classify(new System.Net.Sockets.SocketException(111)).Kind);
    }
}
