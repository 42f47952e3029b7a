namespace Herald.Storage;

public enum Durability
{
    /// <summary>Every commit is on disk before Herald answers (SQLite synchronous=FULL, PostgreSQL synchronous_commit=on).</summary>
    Full,

    /// <summary>
    /// Commits may be lost on a power failure or OS crash (never on a process crash):
    /// SQLite synchronous=NORMAL, PostgreSQL synchronous_commit=off. Off by default.
    /// </summary>
    Relaxed,
}
