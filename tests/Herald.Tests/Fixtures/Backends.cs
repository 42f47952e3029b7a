using Herald.Storage;

namespace Herald.Tests.Fixtures;

/// <summary>Theory data: every storage test runs once per backend.</summary>
public static class Backends
{
    public static TheoryData<DatabaseProvider> All => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };
}
