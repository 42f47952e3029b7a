using Herald.Callbacks;
using Herald.Notifications;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;

namespace Herald.AdminUi.Messages;

/// <summary>One notification and its timeline: the row's own times, its receipts and callbacks (<see cref="NotificationEventRecord"/>) and any complaint.</summary>
public sealed class NotificationDetailQuery(HeraldDatabase database)
{
    public async Task<NotificationDetail?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var notification = await context.Notifications.AsNoTracking().FirstOrDefaultAsync(n => n.Id == id, cancellationToken);
        if (notification is null)
        {
            return null;
        }

        var service = await context.Services.AsNoTracking().Where(s => s.Id == notification.ServiceId).Select(s => s.Name).FirstOrDefaultAsync(cancellationToken);
        var template = await context.TemplateVersions.AsNoTracking()
            .Where(v => v.TemplateId == notification.TemplateId && v.Version == notification.TemplateVersion).Select(v => v.Name).FirstOrDefaultAsync(cancellationToken);
        var events = await context.NotificationEvents.AsNoTracking().Where(e => e.NotificationId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(cancellationToken);
        var complaints = await context.Complaints.AsNoTracking().Where(c => c.NotificationId == id).ToListAsync(cancellationToken);
        var parts = await context.NotificationParts.AsNoTracking().Where(p => p.NotificationId == id).OrderBy(p => p.Part).ToListAsync(cancellationToken);
        return new NotificationDetail(notification, service ?? "?", template ?? "?", Timeline(notification, events, complaints), parts);
    }

    private static List<TimelineEntry> Timeline(NotificationRecord n, IEnumerable<NotificationEventRecord> events, IEnumerable<ComplaintRecord> complaints)
    {
        var entries = new List<TimelineEntry>
        {
            new(n.CreatedAt, 0, "Accepted", $"{(n.Type == TemplateType.Email ? "Email" : "Text message")} to {n.To}, with a {KeyTypeNames.ApiName(n.KeyType)} key", NotificationStatus.Created),
        };
        if (n.SentAt is { } sent)
        {
            var reference = n.ProviderReference is { } r ? $", reference {r}" : "";
            entries.Add(new(sent, 1, $"Sent to {n.ProviderName ?? "the provider"}", $"Handed to the provider{reference}", NotificationStatus.Sending));
        }

        entries.AddRange(events.Select(e => e.Kind == NotificationEventKinds.Callback
            ? new TimelineEntry(e.At, 3, "Callback", e.Detail, null)
            : new TimelineEntry(e.At, 2, "Receipt", e.Detail, null)));
        entries.AddRange(complaints.Select(c => new TimelineEntry(c.ComplaintDate, 2, "Complaint", $"The recipient complained ({c.ComplaintType})", NotificationStatus.PermanentFailure)));
        if (n.CompletedAt is { } completed)
        {
            entries.Add(new(completed, 2, Dashboard.StatusGroups.Label(Dashboard.StatusGroups.Of(n.Status)), $"Status {n.Status}", n.Status));
        }

        // Same-moment entries keep the order a notification lives them: accepted, sent, receipts and status, callbacks.
        return [.. entries.OrderBy(e => e.At).ThenBy(e => e.Order)];
    }
}

public sealed record NotificationDetail(
    NotificationRecord Notification, string ServiceName, string TemplateName, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<NotificationPartRecord> Parts);

/// <param name="Status">The status whose badge colour the entry takes, or null for none.</param>
public sealed record TimelineEntry(DateTime At, int Order, string Title, string Detail, string? Status);
