using Herald.Queue;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Herald.Tests.Storage;

public sealed class SqliteConnectionSetupTests
{
    [Theory]
    [InlineData(Durability.Full, 2L)]
    [InlineData(Durability.Relaxed, 1L)]
    public async Task Every_connection_gets_the_journal_durability_and_checkpoint_settings(Durability durability, long synchronous)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, durability);
        await using var herald = new HeraldDatabase(database.Target);

        // The raw connections of the batch readers and those under EF Core contexts alike.
        await using var raw = await herald.OpenConnectionAsync(CancellationToken.None);
        await using var context = herald.CreateContext();
        await context.Database.OpenConnectionAsync();
        foreach (var connection in new[] { raw, context.Database.GetDbConnection() })
        {
            Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
            Assert.Equal(synchronous, await PragmaAsync(connection, "synchronous"));
            Assert.Equal(10_000L, await PragmaAsync(connection, "wal_autocheckpoint"));
            Assert.Equal(64L * 1024 * 1024, await PragmaAsync(connection, "journal_size_limit"));
            Assert.Equal(1L, await PragmaAsync(connection, "foreign_keys"));
        }
    }

    private static async Task<object?> PragmaAsync(System.Data.Common.DbConnection connection, string name)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return await command.ExecuteScalarAsync();
    }
}
