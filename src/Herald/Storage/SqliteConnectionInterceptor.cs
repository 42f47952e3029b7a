using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Herald.Storage;

/// <summary>Applies Herald's SQLite pragmas to every connection EF Core opens.</summary>
internal sealed class SqliteConnectionInterceptor(Durability durability) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        SqliteConnectionSetup.Apply(connection, durability);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default) =>
        SqliteConnectionSetup.ApplyAsync(connection, durability, cancellationToken);
}
