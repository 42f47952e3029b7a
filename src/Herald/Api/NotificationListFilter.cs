using Herald.Notifications;
using Herald.Templates;
using Microsoft.AspNetCore.WebUtilities;
using Herald.NotifyFormat;

namespace Herald.Api;

/// <summary>The query of GET /v2/notifications, checked as Notify does.</summary>
/// <param name="LettersOnly">Asked for letters, which Herald does not send yet: the answer is an empty page.</param>
internal sealed record NotificationListFilter(TemplateType? Type, bool LettersOnly, IReadOnlyList<string> Statuses, string? Reference, Guid? OlderThan, IQueryCollection Query)
{
    private static readonly string[] Known = ["template_type", "status", "reference", "older_than", "include_jobs"];

    public static NotificationListFilter Parse(IQueryCollection query)
    {
        var errors = new List<string>();
        foreach (var key in query.Keys.Where(k => !Known.Contains(k, StringComparer.Ordinal)))
        {
            errors.Add($"Additional properties are not allowed ({key} was unexpected)");
        }

        var typeText = query["template_type"].ToString();
        if (!TemplateTypeNames.IsValidFilter(typeText))
        {
            errors.Add($"template_type {typeText} is not one of [sms, email, letter]");
        }

        var statuses = new List<string>();
        foreach (var status in query["status"].SelectMany(s => (s ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (status == "failed")
            {
                statuses.AddRange(NotificationStatus.Failed);
            }
            else if (NotificationStatus.All.Contains(status))
            {
                statuses.Add(status);
            }
            else
            {
                errors.Add($"status {status} is not one of [{string.Join(", ", NotificationStatus.All.Order(StringComparer.Ordinal))}, failed]");
            }
        }

        Guid? olderThan = null;
        var olderText = query["older_than"].ToString();
        if (olderText.Length > 0)
        {
            if (Guid.TryParseExact(olderText, "D", out var id))
            {
                olderThan = id;
            }
            else
            {
                errors.Add("older_than is not a valid UUID");
            }
        }

        if (errors.Count > 0)
        {
            throw NotifyApiException.Validation(errors);
        }

        var reference = query["reference"].ToString();
        if (!RequestJson.IsStorable(reference))
        {
            throw NotifyApiException.Validation([RequestJson.Unstorable("reference")]);
        }

        return new NotificationListFilter(TemplateTypeNames.Parse(typeText), typeText == TemplateTypeNames.Letter, statuses, reference.Length == 0 ? null : reference, olderThan, query);
    }

    /// <summary>The same query with <c>older_than</c> set, for <c>links.next</c>.</summary>
    public string WithOlderThan(Guid id)
    {
        var pairs = Query.Where(q => q.Key != "older_than").SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .Append(new KeyValuePair<string, string?>("older_than", id.ToString()));
        return QueryHelpers.AddQueryString("", pairs);
    }
}
