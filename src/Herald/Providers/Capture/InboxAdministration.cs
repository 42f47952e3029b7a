using Herald.NotifyFormat;
using Herald.Recipients;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Providers.Capture;

/// <summary>The dev inbox through the admin API: what the capture provider kept, newest first.</summary>
public sealed class InboxAdministration(HeraldDatabase database, PhoneNumberValidator phoneNumbers)
{
    public async Task<IReadOnlyList<InboxMessage>> InboxAsync(string? to, int limit, CancellationToken cancellationToken)
    {
        // A NUL reaches PostgreSQL as text it refuses: a 400, as everywhere else.
        if (to is not null && !RequestJson.IsStorable(to))
        {
            throw NotifyApiException.Validation([RequestJson.Unstorable("to")]);
        }

        await using var context = database.CreateContext();
        var query = context.CapturedMessages.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(to))
        {
            var normalised = EmailAddressValidator.Validate(to) is { IsValid: true } email ? email.Normalised!
                : phoneNumbers.Validate(to, new PhoneNumberRules(true, true)) is { IsValid: true } phone ? phone.Normalised! : to;
            query = query.Where(m => m.To == normalised);
        }

        var rows = await query.OrderByDescending(m => m.Id).Take(Math.Clamp(limit, 1, 500)).ToListAsync(cancellationToken);
        return [.. rows.Select(m => new InboxMessage(m.Id, m.NotificationId, m.Channel, m.To, m.Subject, m.Body, m.Html, ApiTime.Format(m.CreatedAt)))];
    }
}
