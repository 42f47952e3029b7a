using Herald.Storage;

namespace Herald.Bench;

internal sealed record BenchSettings(
    int Runs,
    int DrainItems,
    int BatchSize,
    int LatencyRate,
    int LatencySeconds,
    int IdleSeconds,
    Durability Durability,
    string? PostgresServer,
    IReadOnlyList<DatabaseProvider> Backends);
