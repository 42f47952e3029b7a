using System.Linq.Expressions;
using Herald.Notifications;
using Herald.Services;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Herald.Search;

/// <summary>
/// Finds a service's notifications by recipient or client reference, newest first, 50 at a time by
/// keyset (<c>older_than</c>, a notification id), never by offset or count. Test-key notifications are
/// left out. A part of a recipient or reference matches anywhere in it, through a trigram index: on
/// PostgreSQL <c>pg_trgm</c> GIN indexes on <c>normalised_to</c> and <c>reference</c>, on SQLite the
/// FTS5 table <c>notification_search</c> (trigram tokenizer) that triggers keep in step with
/// <c>notifications</c>. A trigram index cannot find fewer than three characters: such a term matches
/// a whole recipient or reference only. A whole address or number is looked up by the
/// <c>(service_id, normalised_to)</c> index: its many common trigrams (the domain's) would make the
/// trigram index slower than the lookup.
/// </summary>
public sealed class NotificationSearch(HeraldDatabase database)
{
    public const int PageSize = 50;

    private const int Trigram = 3;

    public async Task<SearchPage> SearchAsync(Guid? serviceId, SearchTerms terms, Guid? olderThan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(terms);
        await using var context = database.CreateContext();
        var scope = new List<Expression<Func<NotificationRecord, bool>>> { n => n.KeyType != KeyType.Test };
        if (serviceId is { } service)
        {
            scope.Add(n => n.ServiceId == service);
        }

        if (terms.Channel is { } channel)
        {
            scope.Add(n => n.Type == channel);
        }

        if (olderThan is { } older)
        {
            var cursor = await context.Notifications.AsNoTracking().Where(n => n.Id == older).Select(n => (DateTime?)n.CreatedAt).FirstOrDefaultAsync(cancellationToken);
            if (cursor is not { } at)
            {
                return new SearchPage([], null);
            }

            scope.Add(n => n.CreatedAt < at || (n.CreatedAt == at && n.Id.CompareTo(older) < 0));
        }

        var rows = database.Provider == DatabaseProvider.Sqlite
            ? await SqliteAsync(context, scope, terms, cancellationToken)
            : await PostgresAsync(Within(context.Notifications, scope), terms, cancellationToken);
        var page = rows.Take(PageSize).ToList();
        return new SearchPage(page, rows.Count > PageSize ? page[^1].Id : null);
    }

    private static async Task<List<SearchRow>> PostgresAsync(IQueryable<NotificationRecord> scope, SearchTerms terms, CancellationToken cancellationToken)
    {
        var matches = new List<Expression<Func<NotificationRecord, bool>>>();
        foreach (var recipient in terms.Recipients)
        {
            var pattern = Contains(recipient);
            matches.Add(recipient.Length < Trigram ? n => n.NormalisedTo == recipient : n => EF.Functions.Like(n.NormalisedTo, pattern, Escape));
        }

        foreach (var whole in terms.WholeRecipients)
        {
            matches.Add(n => n.NormalisedTo == whole);
        }

        if (terms.Reference is { } reference)
        {
            var pattern = Contains(reference);
            matches.Add(reference.Length < Trigram ? n => n.Reference == reference : n => EF.Functions.ILike(n.Reference!, pattern, Escape));
        }

        return await NewestAsync(scope.Where(AnyOf(matches)), cancellationToken);
    }

    /// <summary>One query on the FTS5 index for terms of three characters or more, one for shorter ones (exact), merged.</summary>
    private static async Task<List<SearchRow>> SqliteAsync(HeraldDbContext context, IReadOnlyList<Expression<Func<NotificationRecord, bool>>> scope, SearchTerms terms, CancellationToken cancellationToken)
    {
        var phrases = terms.Recipients.Where(r => r.Length >= Trigram).Select(r => $"normalised_to : {Phrase(r)}").ToList();
        var exact = terms.Recipients.Where(r => r.Length < Trigram).Concat(terms.WholeRecipients)
            .Select(r => (Expression<Func<NotificationRecord, bool>>)(n => n.NormalisedTo == r)).ToList();
        if (terms.Reference is { } reference)
        {
            if (reference.Length >= Trigram)
            {
                phrases.Add($"reference : {Phrase(reference)}");
            }
            else
            {
                exact.Add(n => n.Reference == reference);
            }
        }

        var rows = new List<SearchRow>();
        if (phrases.Count > 0)
        {
            var match = string.Join(" OR ", phrases);
            var indexed = context.Notifications.FromSqlRaw(
                "SELECT * FROM notifications WHERE rowid IN (SELECT rowid FROM notification_search WHERE notification_search MATCH {0})", match);
            rows.AddRange(await NewestAsync(Within(indexed, scope), cancellationToken));
        }

        if (exact.Count > 0)
        {
            rows.AddRange(await NewestAsync(Within(context.Notifications, scope).Where(AnyOf(exact)), cancellationToken));
        }

        return [.. rows.DistinctBy(r => r.Id).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(PageSize + 1)];
    }

    private static IQueryable<NotificationRecord> Within(IQueryable<NotificationRecord> source, IEnumerable<Expression<Func<NotificationRecord, bool>>> scope) =>
        scope.Aggregate(source.AsNoTracking(), (query, condition) => query.Where(condition));

    // One row more than a page says whether there is an older page.
    private static Task<List<SearchRow>> NewestAsync(IQueryable<NotificationRecord> query, CancellationToken cancellationToken) =>
        query.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).Take(PageSize + 1)
            .Select(n => new SearchRow(n.Id, n.ServiceId, n.Type, n.KeyType, n.To, n.Reference, n.Status, n.TemplateId, n.TemplateVersion, n.CreatedAt))
            .ToListAsync(cancellationToken);

    private static Expression<Func<NotificationRecord, bool>> AnyOf(IReadOnlyList<Expression<Func<NotificationRecord, bool>>> matches)
    {
        var parameter = matches[0].Parameters[0];
        var body = matches.Skip(1).Aggregate(matches[0].Body, (all, next) =>
            Expression.OrElse(all, ReplacingExpressionVisitor.Replace(next.Parameters[0], parameter, next.Body)));
        return Expression.Lambda<Func<NotificationRecord, bool>>(body, parameter);
    }

    private const string Escape = "\\";

    private static string Contains(string term) =>
        "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>An FTS5 string: the term as one phrase, which the trigram tokenizer matches as a substring.</summary>
    private static string Phrase(string term) => "\"" + term.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}

public sealed record SearchRow(Guid Id, Guid ServiceId, Templates.TemplateType Channel, KeyType KeyType, string To, string? Reference, string Status, Guid TemplateId, int TemplateVersion, DateTime CreatedAt);

/// <param name="OlderThan">The id to pass as <c>older_than</c> for the next page; null on the last.</param>
public sealed record SearchPage(IReadOnlyList<SearchRow> Rows, Guid? OlderThan);
