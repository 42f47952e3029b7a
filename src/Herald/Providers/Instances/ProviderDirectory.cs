using Herald.Providers.Capture;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Providers.Instances;

/// <summary>
/// The provider instances, read from the database at most every <see cref="RefreshInterval"/>
/// (at once after a change on this node), so weight changes made on any node reach every node
/// within seconds. Adapters live across refreshes until their settings change; a replaced adapter
/// is disposed a while later, when calls still using it have finished.
/// </summary>
public sealed partial class ProviderDirectory(
    HeraldDatabase database,
    ProviderSettingsProtector protector,
    ProviderAdapterFactory adapters,
    ProviderConfigurationSeeder seeder,
    ProviderTypes types,
    CaptureProvider capture,
    TimeProvider time,
    ILogger<ProviderDirectory> logger) : IAsyncDisposable
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan RetiredAdapterLifetime = TimeSpan.FromMinutes(2);

    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly Dictionary<(Guid Id, string Settings), ProviderAdapter> _adapters = [];
    private readonly List<(ProviderAdapter Adapter, long RetiredAt)> _retired = [];
    private ProviderSet? _current;
    private long _loadedAt;
    private bool _seeded;

    public async ValueTask<ProviderSet> CurrentAsync(CancellationToken cancellationToken)
    {
        var current = _current;
        if (current is not null && time.GetElapsedTime(_loadedAt) < RefreshInterval)
        {
            return current;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } fresh && time.GetElapsedTime(_loadedAt) < RefreshInterval)
            {
                return fresh;
            }

            if (!_seeded)
            {
                await seeder.SeedAsync(cancellationToken);
                _seeded = true;
            }

            _current = await LoadAsync(cancellationToken);
            _loadedAt = time.GetTimestamp();
            return _current;
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>Forgets the snapshot after a change made on this node.</summary>
    public void Invalidate() => _current = null;

    private async Task<ProviderSet> LoadAsync(CancellationToken cancellationToken)
    {
        await using var context = database.CreateContext();
        var records = await context.ProviderInstances.AsNoTracking().OrderBy(p => p.Name).ToListAsync(cancellationToken);
        var instances = new List<ProviderInstance>(records.Count);
        var kept = new HashSet<(Guid, string)>();
        foreach (var record in records)
        {
            var type = types.Find(record.Type);
            var errors = new List<string>();
            var settings = type is null ? null : ProviderSettings.Parse(type, Unprotect(record), errors);
            if (type is null || settings is null || errors.Count > 0)
            {
                LogUnusable(logger, record.Id, record.Name, string.Join("; ", errors.DefaultIfEmpty($"type {record.Type} is unknown")));
                continue;
            }

            var key = (record.Id, record.ProtectedSettings);
            if (!_adapters.TryGetValue(key, out var adapter))
            {
                adapter = adapters.Create(record.Name, type, settings);
                _adapters[key] = adapter;
            }

            kept.Add(key);
            instances.Add(new ProviderInstance(record, type, settings, adapter));
        }

        await RetireAsync(kept);
        return new ProviderSet(instances, CaptureInstance());
    }

    private System.Text.Json.Nodes.JsonObject? Unprotect(ProviderInstanceRecord record)
    {
        try
        {
            return protector.Unprotect(record.ProtectedSettings);
        }
        catch (System.Security.Cryptography.CryptographicException ex)
        {
            LogUndecryptable(logger, ex, record.Id, record.Name);
            return null;
        }
    }

    private async Task RetireAsync(HashSet<(Guid, string)> kept)
    {
        foreach (var key in _adapters.Keys.Where(k => !kept.Contains(k)).ToList())
        {
            _retired.Add((_adapters[key], time.GetTimestamp()));
            _adapters.Remove(key);
        }

        foreach (var retired in _retired.Where(r => time.GetElapsedTime(r.RetiredAt) > RetiredAdapterLifetime).ToList())
        {
            _retired.Remove(retired);
            await retired.Adapter.DisposeAsync();
        }
    }

    private ProviderInstance? _capture;

    private ProviderInstance CaptureInstance() => _capture ??= new ProviderInstance(
        new ProviderInstanceRecord
        {
            Channel = "", Type = CaptureProvider.ProviderName, Name = CaptureProvider.ProviderName, Active = true, Priority = 100,
            ProtectedSettings = "", UpdatedBy = "", Reason = "",
        },
        types.Find(CaptureProvider.ProviderName)!,
        new ProviderSettings(new CommonProviderSettings { MaxConcurrency = 1000 }, new CaptureSettings()),
        new ProviderAdapter(capture, 1000));

    public async ValueTask DisposeAsync()
    {
        foreach (var adapter in _adapters.Values.Concat(_retired.Select(r => r.Adapter)))
        {
            await adapter.DisposeAsync();
        }

        _adapters.Clear();
        _retired.Clear();
    }

    [LoggerMessage(9001, LogLevel.Error, "Provider {ProviderId} ({ProviderName}) is not used: {Problem}")]
    private static partial void LogUnusable(ILogger logger, Guid providerId, string providerName, string problem);

    [LoggerMessage(9002, LogLevel.Error, "Provider {ProviderId} ({ProviderName}) is not used: its settings cannot be decrypted with this key ring")]
    private static partial void LogUndecryptable(ILogger logger, Exception exception, Guid providerId, string providerName);
}
