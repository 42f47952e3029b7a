using Herald.AdminUi.Dashboard;
using Herald.AdminUi.Messages;
using Herald.NotifyFormat;
using Herald.Recipients;
using Herald.Search;
using Herald.Templates;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Herald.AdminUi.Pages.Notifications;

public sealed class NotificationsModel(MessageLogQuery log, PhoneNumberValidator phoneNumbers) : PageModel
{
    /// <summary>A search term: the page lists the matches by recipient or reference instead of the whole log.</summary>
    public string? Query { get; private set; }

    public string? SearchType { get; private set; }

    /// <summary>Where the next page of search results starts (a notification id).</summary>
    public Guid? SearchOlder { get; private set; }

    public string? Service { get; private set; }

    public string? Channel { get; private set; }

    public string? Status { get; private set; }

    public bool Paged { get; private set; }

    public IReadOnlyDictionary<Guid, string> Services { get; private set; } = new Dictionary<Guid, string>();

    public MessageLogPage Log { get; private set; } = new([], null);

    public List<string> Errors { get; } = [];

    /// <summary>The filters are read as text and checked here, so a wrong one is named on the page instead of being ignored.</summary>
    public async Task OnGetAsync(string? service, string? channel, string? status, string? before, string? q, string? type, string? older, CancellationToken cancellationToken)
    {
        (Service, Channel, Status, Query, SearchType) = (Blank(service), Blank(channel), Blank(status), Blank(q), Blank(type));
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

        TemplateType? channelType = Channel switch
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

        if (Query is not null)
        {
            await SearchAsync(serviceId, Blank(older), cancellationToken);
            return;
        }

        if (Errors.Count == 0)
        {
            Log = await log.PageAsync(new MessageLogFilter(serviceId, channelType, group, cursor), cancellationToken);
        }
    }

    /// <summary>A search is by recipient or reference within the chosen service (or all), newest first; its type picks the channel.</summary>
    private async Task SearchAsync(Guid? serviceId, string? older, CancellationToken cancellationToken)
    {
        Guid? olderThan = null;
        if (older is not null)
        {
            Paged = true;
            olderThan = Guid.TryParseExact(older, "D", out var id) ? id : Error<Guid?>("That page address is not one the search made.");
        }

        SearchTerms? terms = null;
        try
        {
            terms = SearchTerms.Parse(Query, SearchType, phoneNumbers);
        }
        catch (NotifyApiException refused)
        {
            // The API's words name its query fields; the page names its own.
            Errors.AddRange(refused.Messages.Select(m =>
                m.StartsWith("q ", StringComparison.Ordinal) ? "The search term " + m[2..]
                : m.StartsWith("type ", StringComparison.Ordinal) ? "The search type " + m[5..]
                : m));
        }

        if (Errors.Count == 0 && terms is not null)
        {
            var (rows, next) = await log.SearchAsync(serviceId, terms, olderThan, cancellationToken);
            (Log, SearchOlder) = (new MessageLogPage(rows, null), next);
        }
    }

    /// <summary>The address of the next page of this search.</summary>
    public string SearchAddress(Guid? older)
    {
        var query = new List<string>();
        foreach (var (name, value) in new[] { ("q", Query), ("type", SearchType), ("service", Service), ("older", older?.ToString()) })
        {
            if (value is not null)
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        return "/admin/notifications?" + string.Join("&", query);
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
