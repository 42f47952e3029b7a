using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Herald.Storage;

/// <summary>Used only by <c>dotnet ef migrations add</c>; no database is opened.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHeraldDbContext>
{
    public SqliteHeraldDbContext CreateDbContext(string[] args) =>
        new(HeraldDatabase.ConfigureSqlite(new DbContextOptionsBuilder<SqliteHeraldDbContext>(), "Data Source=design.db").Options);
}

/// <summary>Used only by <c>dotnet ef migrations add</c>; no database is opened.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHeraldDbContext>
{
    public PostgresHeraldDbContext CreateDbContext(string[] args) =>
        new(HeraldDatabase.ConfigurePostgres(new DbContextOptionsBuilder<PostgresHeraldDbContext>(), "Host=localhost").Options);
}
