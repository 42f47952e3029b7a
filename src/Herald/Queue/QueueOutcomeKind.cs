namespace Herald.Queue;

internal enum QueueOutcomeKind
{
    /// <summary>Finished (or permanently failed): the item is deleted.</summary>
    Done,

    /// <summary>Failed with tries left: run again at the outcome's RunAt.</summary>
    Retry,

    /// <summary>Failed with no tries left: kept as dead.</summary>
    Dead,

    /// <summary>Not run (shutdown): the lease is given back and the try is not counted.</summary>
    Released,

    /// <summary>Finished, and the handler deleted the item in its own transaction: nothing to write.</summary>
    CompletedByHandler,
}
