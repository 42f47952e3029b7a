using Herald.Storage;

namespace Herald.Queue;

internal static class QueueStoreFactory
{
    public static IQueueStore Create(HeraldDatabase database) => database.Provider == DatabaseProvider.Sqlite
        ? new SqliteQueueStore(database)
        : new PostgresQueueStore(database);
}
