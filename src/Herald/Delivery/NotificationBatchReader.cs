using System.Data.Common;
using Herald.Notifications;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Herald.Delivery;

/// <summary>
/// Reads the notifications a claimed batch names, by primary key, in one statement per chunk. Plain
/// ADO.NET rather than an EF Core query: delivery reads every notification once, and a worker's first
/// batch otherwise waited for EF Core to compile the query (the worker's whole first second goes to
/// compiling code). Columns and stored forms follow NotificationsModelConfiguration and the migrations:
/// on SQLite, GUIDs and times are text, booleans integers.
/// </summary>
internal static class NotificationBatchReader
{
    private const string Columns = """
        id, service_id, template_id, template_version, api_key_id, key_type, type, "to", normalised_to, reference, status,
        body, subject, personalisation, one_click_unsubscribe_url, international, billable_units, provider_name,
        provider_reference, created_at, sent_at, completed_at
        """;

    private const string SqliteSql = $"SELECT {Columns} FROM notifications WHERE id IN (SELECT value FROM json_each($ids))";

    // One primary-key lookup per id whatever the statistics say (LIMIT keeps the planner from
    // flattening the lookup into a join): on a table just filled, before autovacuum has analysed
    // it, "id = ANY(ids)" was planned as a scan of the whole table.
    private const string PostgresSql = $"SELECT n.* FROM unnest(@ids) AS i(id) CROSS JOIN LATERAL (SELECT {Columns} FROM notifications WHERE id = i.id LIMIT 1) AS n";

    /// <summary>The notifications in the order of <paramref name="ids"/>; null where there is none.</summary>
    public static async Task<IReadOnlyList<NotificationRecord?>> ReadAsync(HeraldDatabase database, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = database.Provider == DatabaseProvider.Postgres
            ? PostgresCommand((NpgsqlConnection)connection, ids)
            : SqliteCommand((SqliteConnection)connection, ids);
        var found = new Dictionary<Guid, NotificationRecord>(ids.Count);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var notification = Read(reader);
            found[notification.Id] = notification;
        }

        return [.. ids.Select(id => found.GetValueOrDefault(id))];
    }

    private static DbCommand SqliteCommand(SqliteConnection connection, IReadOnlyList<Guid> ids)
    {
        var command = connection.CreateCommand();
        command.CommandText = SqliteSql;
        command.Parameters.AddWithValue("$ids", $"[\"{string.Join("\",\"", ids.Select(id => id.ToString().ToUpperInvariant()))}\"]");
        return command;
    }

    private static DbCommand PostgresCommand(NpgsqlConnection connection, IReadOnlyList<Guid> ids)
    {
        var command = new NpgsqlCommand(PostgresSql, connection);
        command.Parameters.Add(new NpgsqlParameter<Guid[]>("ids", [.. ids]));
        return command;
    }

    private static NotificationRecord Read(DbDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        ServiceId = reader.GetGuid(1),
        TemplateId = reader.GetGuid(2),
        TemplateVersion = reader.GetInt32(3),
        ApiKeyId = reader.GetGuid(4),
        KeyType = (KeyType)reader.GetInt16(5),
        Type = Enum.Parse<TemplateType>(reader.GetString(6)),
        To = reader.GetString(7),
        NormalisedTo = reader.GetString(8),
        Reference = NullableString(reader, 9),
        Status = reader.GetString(10),
        Body = reader.GetString(11),
        Subject = NullableString(reader, 12),
        Personalisation = NullableString(reader, 13),
        OneClickUnsubscribeUrl = NullableString(reader, 14),
        International = reader.GetBoolean(15),
        BillableUnits = reader.GetInt32(16),
        ProviderName = NullableString(reader, 17),
        ProviderReference = NullableString(reader, 18),
        CreatedAt = reader.GetDateTime(19),
        SentAt = reader.IsDBNull(20) ? null : reader.GetDateTime(20),
        CompletedAt = reader.IsDBNull(21) ? null : reader.GetDateTime(21),
    };

    private static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
