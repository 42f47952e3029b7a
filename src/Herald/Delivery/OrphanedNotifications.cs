using System.Data.Common;
using Herald.Notifications;
using Herald.Queue;
using Herald.Storage;
using Herald.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Herald.Delivery;

/// <summary>
/// Self-healing: a notification still <c>created</c> an hour after it was accepted, with no
/// delivery item at all (an item deleted by hand, a database restored without its queue), is
/// queued for delivery again. One that is merely waiting (a backlog, retries) has its item and is
/// left alone, and so is one whose item is dead: its retries ran out, perhaps on a message that
/// breaks the worker, and replaying it is the operator's call, not an hourly loop's.
/// </summary>
public sealed class OrphanedNotifications(HeraldDatabase database, QueueWriter queue)
{
    public static readonly TimeSpan RequeueAfter = TimeSpan.FromHours(1);

    /// <summary>Queues up to <paramref name="limit"/> orphans in one transaction; returns their ids.</summary>
    public async Task<IReadOnlyList<Guid>> RequeueAsync(DateTime now, int limit, CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        await using var transaction = await context.Database.BeginTransactionAsync(cancellationToken);
        var orphans = await FindAsync(context, transaction, now - RequeueAfter, limit, cancellationToken);
        if (orphans.Count == 0)
        {
            return [];
        }

        await queue.EnqueueAsync(context, [.. orphans.Select(o => DeliveryItem.For(o.Id, o.Type))], cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return [.. orphans.Select(o => o.Id)];
    }

    /// <summary>
    /// A delivery item names its notification's id as text in lower case (the queue's reference);
    /// SQLite stores EF Core's GUIDs as upper-case text, PostgreSQL as uuid.
    /// </summary>
    private async Task<List<(Guid Id, TemplateType Type)>> FindAsync(
        HeraldDbContext context, IDbContextTransaction transaction, DateTime createdBefore, int limit, CancellationToken cancellationToken)
    {
        var postgres = database.Provider == DatabaseProvider.Postgres;
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        command.CommandText = $"""
            SELECT n.id, n.type FROM notifications n
            WHERE n.status = @created AND n.created_at < @before
              AND NOT EXISTS (
                SELECT 1 FROM queue_items q
                WHERE q.reference = {(postgres ? "n.id::text" : "lower(n.id)")} AND q.kind IN (@email, @sms))
            LIMIT @limit
            """;
        Add(command, "@created", NotificationStatus.Created);
        // Microsoft.Data.Sqlite binds a DateTime as the text EF Core stores; Npgsql wants it as UTC.
        Add(command, "@before", DateTime.SpecifyKind(createdBefore, DateTimeKind.Utc));
        Add(command, "@email", DeliveryItem.EmailKind);
        Add(command, "@sms", DeliveryItem.SmsKind);
        Add(command, "@limit", limit);
        var found = new List<(Guid, TemplateType)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add((postgres ? reader.GetGuid(0) : Guid.Parse(reader.GetString(0)), Enum.Parse<TemplateType>(reader.GetString(1))));
        }

        return found;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
