using MimeKit;
using Herald.Providers;

namespace Herald.Integrations.Smtp;

/// <summary>Turns an <see cref="EmailMessage"/> into a multipart (text and HTML) MIME message.</summary>
internal static class SmtpMessageBuilder
{
    public static MimeMessage Build(EmailMessage message, string? messageIdDomain)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(message.From));
        mime.To.Add(MailboxAddress.Parse(message.To));
        mime.Subject = message.Subject;

        // The notification id is the Message-ID, so a resend after a crash is recognisable.
        var domain = messageIdDomain ?? message.From[(message.From.IndexOf('@', StringComparison.Ordinal) + 1)..];
        mime.MessageId = $"{message.NotificationId}@{domain}";
        if (message.OneClickUnsubscribeUrl is { } unsubscribe)
        {
            mime.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        mime.Body = new BodyBuilder { TextBody = message.PlainText, HtmlBody = message.Html }.ToMessageBody();
        return mime;
    }
}
