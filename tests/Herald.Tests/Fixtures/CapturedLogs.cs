using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Fixtures;

/// <summary>Keeps every formatted log line so tests can assert on what an operator would read.</summary>
public sealed class CapturedLogs(LogLevel minimum = LogLevel.Information) : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, string Line)> _entries = new();
    private readonly ConcurrentQueue<(string Line, Exception? Exception)> _exceptions = new();

    public IReadOnlyList<string> Lines => [.. _entries.Select(e => e.Line)];

    /// <summary>Each line with its level, for what an operator's alerting would see.</summary>
    public IReadOnlyList<(LogLevel Level, string Line)> Entries => [.. _entries];

    /// <summary>Each line with the exception logged with it (which a console logger prints as a stack trace).</summary>
    public IReadOnlyList<(string Line, Exception? Exception)> WithExceptions => [.. _exceptions];

    public ILogger CreateLogger(string categoryName) => new Logger(_entries, _exceptions, minimum);

    public void Dispose()
    {
    }

    private sealed class Logger(ConcurrentQueue<(LogLevel Level, string Line)> entries, ConcurrentQueue<(string Line, Exception? Exception)> exceptions, LogLevel minimum) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= minimum;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var line = formatter(state, exception);
                entries.Enqueue((logLevel, line));
                exceptions.Enqueue((line, exception));
            }
        }
    }
}
