using Herald.AdminUi.Dashboard;
using Herald.AdminUi.Messages;
using Herald.Templates;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Notifications;

public sealed class NotificationsModel(MessageLogQuery log) : PageModel
{
    public string? Service { get; private set; }

    public string? Channel { get; private set; }

    public string? Status { get; private set; }

    public bool Paged { get; private set; }

    public IReadOnlyDictionary<Guid, string> Services { get; private set; } = new Dictionary<Guid, string>();

    public MessageLogPage Log { get; private set; } = new([], null);

    public List<string> Errors { get; } = [];

    /// <summary>The filters are read as text and checked here, so a wrong one is named on the page instead of being ignored.</summary>
    public async Task OnGetAsync(string? service, string? channel, string? status, string? before, CancellationToken cancellationToken)
    {
        (Service, Channel, Status) = (Blank(service), Blank(channel), Blank(status));
        Services = await log.ServicesAsync(cancellationToken);
        Guid? serviceId = null;
        if (Service is not null)
        {
            if (Guid.TryParse(Service, out var id) && Services.ContainsKey(id))
            {
                serviceId = id;
            }
            else
            {
                Errors.Add("There is no such service.");
            }
        }

        TemplateType? type = Channel switch
        {
            null => null,
            "email" => TemplateType.Email,
            "sms" => TemplateType.Sms,
            _ => Error<TemplateType?>("The channel must be email or sms."),
        };
        var group = Status is null ? null : StatusGroups.FromKey(Status) ?? Error<StatusGroup?>("The status must be delivered, sending or failed.");
        MessageLogCursor? cursor = null;
        if (Blank(before) is { } text)
        {
            Paged = true;
            cursor = MessageLogCursor.Parse(text) ?? Error<MessageLogCursor?>("That page address is not one the log made.");
        }

        if (Errors.Count == 0)
        {
            Log = await log.PageAsync(new MessageLogFilter(serviceId, type, group, cursor), cancellationToken);
        }
    }

    /// <summary>The address of this log with the same filters, starting at <paramref name="before"/>.</summary>
    public string Address(MessageLogCursor? before)
    {
        var query = new List<string>();
        foreach (var (name, value) in new[] { ("service", Service), ("channel", Channel), ("status", Status), ("before", before?.ToString()) })
        {
            if (value is not null)
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        return query.Count == 0 ? "/admin/notifications" : "/admin/notifications?" + string.Join("&", query);
    }

    private T Error<T>(string message)
    {
        Errors.Add(message);
        return default!;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
