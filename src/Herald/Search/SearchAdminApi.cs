using System.Text.Json.Serialization;
using Herald.Admin;
using Herald.NotifyFormat;
using Herald.Recipients;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;

namespace Herald.Search;

/// <summary>Search a service's notifications by recipient or reference, under <c>/admin/api</c>.</summary>
public static class SearchAdminApi
{
    public static IEndpointRouteBuilder MapSearchAdmin(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup().WithTags("Search");
        admin.MapGet("/services/{id}/notifications/search", SearchAsync)
            .WithSummary("Find a service's notifications by recipient or reference")
            .WithDescription($"`q`: an email address, a phone number, a client reference, or part of one (normalised as a send normalises it). `type`: {SearchTerms.Types}; without it the term is searched as a recipient and as a reference. Newest first, {NotificationSearch.PageSize} at a time; `older_than` (a notification id, from `links.older`) gives the next page. Test-key notifications are left out.")
            .Produces<SearchResponse>();
        return endpoints;
    }

    private static async Task<IResult> SearchAsync(
        string id, HttpRequest request, NotificationSearch search, PhoneNumberValidator phoneNumbers, HeraldDatabase database, CancellationToken ct)
    {
        var serviceId = AdminEndpoints.ParseId(id);
        var query = request.Query;
        var terms = SearchTerms.Parse(query["q"].ToString(), query["type"].ToString(), phoneNumbers);
        var olderText = query["older_than"].ToString();
        Guid? olderThan = olderText.Length == 0 ? null
            : Guid.TryParseExact(olderText, "D", out var older) ? older : throw NotifyApiException.Validation(["older_than is not a valid UUID"]);
        await using (var context = database.CreateContext())
        {
            if (!await context.Services.AnyAsync(s => s.Id == serviceId, ct))
            {
                throw NotifyApiException.NotFound();
            }
        }

        var page = await search.SearchAsync(serviceId, terms, olderThan, ct);
        var next = page.OlderThan is { } last
            ? $"/admin/api/services/{serviceId}/notifications/search{QueryString.Create([.. query.Where(q => q.Key != "older_than").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v))), new("older_than", last.ToString())])}"
            : null;
        return TypedResults.Json(new SearchResponse([.. page.Rows.Select(Found)], new SearchLinks(next)), SearchJsonContext.Default.SearchResponse);
    }

    private static FoundNotification Found(SearchRow row) =>
        new(row.Id, row.ServiceId, row.Channel.ApiName(), row.To, row.Reference, row.Status, new FoundTemplate(row.TemplateId, row.TemplateVersion), ApiTime.Format(row.CreatedAt));
}

public sealed record SearchResponse(IReadOnlyList<FoundNotification> Notifications, SearchLinks Links);

/// <param name="Older">The next page's address; null on the last page.</param>
public sealed record SearchLinks(string? Older);

public sealed record FoundNotification(Guid Id, Guid ServiceId, string Type, string To, string? Reference, string Status, FoundTemplate Template, string CreatedAt);

public sealed record FoundTemplate(Guid Id, int Version);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SearchResponse))]
internal sealed partial class SearchJsonContext : JsonSerializerContext;
