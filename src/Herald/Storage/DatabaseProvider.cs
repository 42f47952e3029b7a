namespace Herald.Storage;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}
