using Herald.Storage;
using Npgsql;

namespace Herald.Tests.Storage;

public sealed class DatabaseTargetTests
{
    [Fact]
    public void No_database_means_sqlite_in_the_data_directory()
    {
        var target = DatabaseTarget.Parse(null, "herald-data");

        Assert.Equal(DatabaseProvider.Sqlite, target.Provider);
        Assert.Equal($"sqlite:{Path.GetFullPath("herald-data/herald.db")}", target.Describe());
    }

    [Fact]
    public void A_postgres_url_becomes_a_connection_string()
    {
        var target = DatabaseTarget.Parse("postgres://herald:s%40cret@db.example:6543/notify?sslmode=require", ".");

        var builder = new NpgsqlConnectionStringBuilder(target.ConnectionString);
        Assert.Equal(DatabaseProvider.Postgres, target.Provider);
        Assert.Equal(("db.example", 6543, "notify", "herald", "s@cret", SslMode.Require),
            (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password, builder.SslMode));
        Assert.DoesNotContain("cret", target.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Relaxed_durability_turns_off_synchronous_commit_on_postgres()
    {
        var target = DatabaseTarget.Parse("Host=localhost;Database=h", ".", Durability.Relaxed);

        Assert.Contains("synchronous_commit=off", new NpgsqlConnectionStringBuilder(target.ConnectionString).Options, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("sqlite:")]
    [InlineData("mysql://localhost/db")]
    [InlineData("Database=nohost")]
    public void Unusable_values_are_refused_with_a_clear_message(string value)
    {
        var error = Record.Exception(() => DatabaseTarget.Parse(value, "."));

        Assert.True(error is FormatException or ArgumentException, $"got {error?.GetType().Name ?? "no error"}");
    }
}
