using System.Text;
using System.Text.Json;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Pushers;

/// <summary>
/// Tells the pusher pool that users have new events or receipts. On SQLite (one process) the local
/// pool is told after the commit. On PostgreSQL a <c>NOTIFY herald_pushers</c> is sent inside the
/// writer's transaction, so every worker process hears it exactly when the rows are visible, and
/// the one holding (or free to take) each pusher runs it.
/// </summary>
public sealed class PusherWakeups(HeraldDatabase database, IServiceProvider services)
{
    public const string Channel = "herald_pushers";

    // NOTIFY payloads must stay under 8000 bytes.
    private const int MaxPayloadBytes = 7000;

    /// <summary>Inside the writer's transaction: queues the PostgreSQL notification (a no-op on SQLite).</summary>
    public async Task PublishInTransactionAsync(HeraldDbContext context, PusherWake wake, CancellationToken cancellationToken)
    {
        if (database.Provider != DatabaseProvider.Postgres)
        {
            return;
        }

        foreach (var payload in Payloads(wake))
        {
            await context.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {payload})", cancellationToken);
        }
    }

    /// <summary>After the commit: wakes this process's pool (SQLite; on PostgreSQL the notification does it).</summary>
    public void Committed(PusherWake wake)
    {
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            services.GetService<PusherPool>()?.Wake(wake);
        }
    }

    internal static IEnumerable<string> Payloads(PusherWake wake)
    {
        var batch = new List<string>();
        var bytes = 0;
        foreach (var user in wake.UserIds)
        {
            var size = Encoding.UTF8.GetByteCount(user) + 8;
            if (batch.Count > 0 && bytes + size > MaxPayloadBytes)
            {
                yield return Serialize(wake, batch);
                batch.Clear();
                bytes = 0;
            }

            batch.Add(user);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            yield return Serialize(wake, batch);
        }
    }

    internal static PusherWake? Parse(string payload)
    {
        try
        {
            var message = JsonSerializer.Deserialize(payload, PushJsonContext.Default.PusherWakeMessage);
            return message is null ? null : new PusherWake(message.S, message.U, message.R);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Serialize(PusherWake wake, List<string> users) =>
        JsonSerializer.Serialize(new PusherWakeMessage(wake.ServiceId, wake.Receipts, [.. users]), PushJsonContext.Default.PusherWakeMessage);
}
