using Microsoft.Data.Sqlite;
using Npgsql;

namespace Herald.Storage;

/// <summary>The backend and connection string that a <c>--database</c> value names.</summary>
public sealed record DatabaseTarget(DatabaseProvider Provider, string ConnectionString, Durability Durability)
{
    public static DatabaseTarget Parse(string? database, string dataDirectory, Durability durability = Durability.Full, int maxPoolSize = 50)
    {
        if (string.IsNullOrWhiteSpace(database))
        {
            return Sqlite(Path.Combine(dataDirectory, "herald.db"), durability);
        }

        database = database.Trim();
        if (database.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = database["sqlite:".Length..];
            if (path.Length == 0)
            {
                throw new FormatException("The SQLite database path is empty: use sqlite:PATH.");
            }

            return Sqlite(path, durability);
        }

        var builder = database.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            || database.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase)
            ? FromUrl(database)
            : new NpgsqlConnectionStringBuilder(database);
        if (string.IsNullOrEmpty(builder.Host))
        {
            throw new FormatException("The database value is neither sqlite:PATH nor a PostgreSQL connection string with a host.");
        }

        if (!ContainsKey(database, "Maximum Pool Size") && !ContainsKey(database, "MaxPoolSize"))
        {
            builder.MaxPoolSize = maxPoolSize;
        }

        if (durability == Durability.Relaxed)
        {
            builder.Options = $"{builder.Options} -c synchronous_commit=off".Trim();
        }

        // Herald's hot statements (claims, sends, counters) repeat constantly: let Npgsql prepare
        // them on the server after two uses instead of parsing and planning each call.
        if (!ContainsKey(database, "Max Auto Prepare") && !ContainsKey(database, "MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 64;
            builder.AutoPrepareMinUsages = 2;
        }

        builder.ApplicationName ??= "herald";
        return new DatabaseTarget(DatabaseProvider.Postgres, builder.ConnectionString, durability);
    }

    private static DatabaseTarget Sqlite(string path, Durability durability)
    {
        var fullPath = Path.GetFullPath(path);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = 30,
        };
        return new DatabaseTarget(DatabaseProvider.Sqlite, builder.ConnectionString, durability);
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string url)
    {
        var uri = new Uri(url);
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
        };
        if (uri.UserInfo.Length > 0)
        {
            var parts = uri.UserInfo.Split(':', 2);
            builder.Username = Uri.UnescapeDataString(parts[0]);
            if (parts.Length == 2)
            {
                builder.Password = Uri.UnescapeDataString(parts[1]);
            }
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var kv = pair.Split('=', 2);
            var key = Uri.UnescapeDataString(kv[0]);
            var value = kv.Length == 2 ? Uri.UnescapeDataString(kv[1]) : "";
            builder[key == "sslmode" ? "SSL Mode" : key] = value;
        }

        return builder;
    }

    private static bool ContainsKey(string connectionString, string key) =>
        connectionString.Contains(key, StringComparison.OrdinalIgnoreCase);

    /// <summary>The target with secrets removed, for logs and <c>version</c> output.</summary>
    public string Describe() => Provider switch
    {
        DatabaseProvider.Sqlite => $"sqlite:{new SqliteConnectionStringBuilder(ConnectionString).DataSource}",
        _ => DescribePostgres(),
    };

    private string DescribePostgres()
    {
        var b = new NpgsqlConnectionStringBuilder(ConnectionString);
        return $"postgres://{b.Username}@{b.Host}:{b.Port}/{b.Database}";
    }
}
