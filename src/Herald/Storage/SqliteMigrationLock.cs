using Microsoft.Data.Sqlite;

namespace Herald.Storage;

/// <summary>
/// An exclusive lock file beside a SQLite database, so that processes starting together on one
/// file migrate one after the other (FileShare.None is an OS-level lock on every platform .NET runs on).
/// The file is left in place: deleting it would let a waiter lock an unlinked copy.
/// </summary>
internal static class SqliteMigrationLock
{
    public static async Task<FileStream> AcquireAsync(DatabaseTarget target, CancellationToken cancellationToken)
    {
        var path = new SqliteConnectionStringBuilder(target.ConnectionString).DataSource + ".migrate-lock";
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
