namespace Herald.Jobs;

internal static partial class Log
{
    [LoggerMessage(9801, LogLevel.Information, "Job {JobId} started: {Rows} rows")]
    public static partial void Started(ILogger logger, Guid jobId, int rows);

    [LoggerMessage(9802, LogLevel.Information, "Job {JobId} finished: {Rows} rows are notifications")]
    public static partial void Finished(ILogger logger, Guid jobId, int rows);

    [LoggerMessage(9803, LogLevel.Warning, "Job {JobId} exceeds the daily limit ({Channel}: {Limit}) with {Rows} rows; none is sent")]
    public static partial void LimitsExceeded(ILogger logger, Guid jobId, string channel, int limit, int rows);

    [LoggerMessage(9804, LogLevel.Error, "Job {JobId} stopped with an error: {Reason}")]
    public static partial void Failed(ILogger logger, Guid jobId, string reason);

    [LoggerMessage(9805, LogLevel.Information, "Job {JobId}'s batch from row {Row} was not written: the job was cancelled or another worker wrote it")]
    public static partial void BatchSkipped(ILogger logger, Guid jobId, int row);

    [LoggerMessage(9806, LogLevel.Warning, "STUCK JOB: job {JobId} ({Status}, {RowsProcessed} of {RowCount} rows) has had no batch since {UpdatedAt:o}; it is resumed")]
    public static partial void Resumed(ILogger logger, Guid jobId, string status, int rowsProcessed, int rowCount, DateTime updatedAt);

    [LoggerMessage(9807, LogLevel.Information, "Job {JobId} cancelled with {RowsProcessed} of {RowCount} rows made notifications")]
    public static partial void Cancelled(ILogger logger, Guid jobId, int rowsProcessed, int rowCount);
}
