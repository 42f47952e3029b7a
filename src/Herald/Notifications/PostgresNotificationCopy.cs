using Npgsql;
using NpgsqlTypes;

namespace Herald.Notifications;

/// <summary>
/// Writes a batch of accepted notifications with binary COPY on the writer's transaction: on
/// PostgreSQL the cheapest way in, with no SQL to generate or parse per batch.
/// The column list follows NotificationsModelConfiguration and the migrations.
/// </summary>
internal static class PostgresNotificationCopy
{
    private const string Copy = """
        COPY notifications (id, service_id, template_id, template_version, api_key_id, key_type, type, "to", normalised_to,
            reference, job_id, job_row_number, status, body, subject, personalisation, one_click_unsubscribe_url, international, billable_units, created_at)
        FROM STDIN (FORMAT BINARY)
        """;

    public static async Task WriteAsync(NpgsqlConnection connection, IEnumerable<NotificationRecord> notifications, CancellationToken cancellationToken)
    {
        await using var importer = await connection.BeginBinaryImportAsync(Copy, cancellationToken);
        foreach (var n in notifications)
        {
            await importer.StartRowAsync(cancellationToken);
            await importer.WriteAsync(n.Id, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(n.ServiceId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(n.TemplateId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync(n.TemplateVersion, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(n.ApiKeyId, NpgsqlDbType.Uuid, cancellationToken);
            await importer.WriteAsync((short)n.KeyType, NpgsqlDbType.Smallint, cancellationToken);
            await importer.WriteAsync(n.Type.ToString(), NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(n.To, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(n.NormalisedTo, NpgsqlDbType.Varchar, cancellationToken);
            await WriteNullableAsync(importer, n.Reference, NpgsqlDbType.Varchar, cancellationToken);
            await (n.JobId is { } job ? importer.WriteAsync(job, NpgsqlDbType.Uuid, cancellationToken) : importer.WriteNullAsync(cancellationToken));
            await (n.JobRowNumber is { } row ? importer.WriteAsync(row, NpgsqlDbType.Integer, cancellationToken) : importer.WriteNullAsync(cancellationToken));
            await importer.WriteAsync(n.Status, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(n.Body, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, n.Subject, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, n.Personalisation, NpgsqlDbType.Text, cancellationToken);
            await WriteNullableAsync(importer, n.OneClickUnsubscribeUrl, NpgsqlDbType.Varchar, cancellationToken);
            await importer.WriteAsync(n.International, NpgsqlDbType.Boolean, cancellationToken);
            await importer.WriteAsync(n.BillableUnits, NpgsqlDbType.Integer, cancellationToken);
            await importer.WriteAsync(DateTime.SpecifyKind(n.CreatedAt, DateTimeKind.Utc), NpgsqlDbType.TimestampTz, cancellationToken);
        }

        await importer.CompleteAsync(cancellationToken);
    }

    private static Task WriteNullableAsync(NpgsqlBinaryImporter importer, string? value, NpgsqlDbType type, CancellationToken cancellationToken) =>
        value is null ? importer.WriteNullAsync(cancellationToken) : importer.WriteAsync(value, type, cancellationToken);
}
