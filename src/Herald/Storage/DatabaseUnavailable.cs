using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Herald.Storage;

/// <summary>
/// Tells a failure of the database server (down, restarting, unreachable, out of connections)
/// from a fault in Herald: the first is answered 503 so that clients retry, the second 500.
/// </summary>
public static class DatabaseUnavailable
{
    /// <summary>True when <paramref name="exception"/> or one it wraps says the database could not be reached or used for now.</summary>
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // Class 08: connection exceptions; 57P01-57P03: shut down by an administrator,
                // crash shutdown, starting up; class 53: out of connections or memory.
                case PostgresException postgres when postgres.SqlState.StartsWith("08", StringComparison.Ordinal)
                    || postgres.SqlState is "57P01" or "57P02" or "57P03"
                    || postgres.SqlState.StartsWith("53", StringComparison.Ordinal):
                    return true;
                case PostgresException:
                    return false;

                // Refused or reset connections, a pool that could not open one in time.
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SocketException or EndOfStreamException:
                    return true;

                // SQLite: the file stayed locked past the busy timeout.
                case SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6:
                    return true;
            }
        }

        return false;
    }
}
