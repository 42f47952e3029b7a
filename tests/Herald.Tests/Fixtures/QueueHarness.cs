using Herald.Queue;
using Herald.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Herald.Settings;

namespace Herald.Tests.Fixtures;

/// <summary>
/// A Herald worker host over a test database: storage and queue as the real process wires them,
/// with the test's handlers, clock and settings. Several harnesses on one database act as several nodes.
/// </summary>
public sealed class QueueHarness : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _started;

    private QueueHarness(IHost host, CapturedLogs logs)
    {
        _host = host;
        Logs = logs;
    }

    public IServiceProvider Services => _host.Services;

    public CapturedLogs Logs { get; }

    public QueueWriter Writer => Services.GetRequiredService<QueueWriter>();

    public QueueSignal Signal => Services.GetRequiredService<QueueSignal>();

    public HeraldDatabase Database => Services.GetRequiredService<HeraldDatabase>();

    public static async Task<QueueHarness> CreateAsync(
        TestDatabase database,
        Action<IServiceCollection>? configureServices = null,
        IDictionary<string, string?>? settings = null,
        TimeProvider? time = null,
        HeraldRole role = HeraldRole.Worker)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var config = new Dictionary<string, string?>
        {
            ["Database"] = database.DatabaseArgument,
            ["Durability"] = database.Target.Durability.ToString(),
            ["Queue:PollInterval"] = "00:00:01",
            ["Node:Id"] = "test-" + Guid.NewGuid().ToString("N")[..12],
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(config);
        var logs = new CapturedLogs();
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.AddStorage();
        builder.AddQueue(role);
        configureServices?.Invoke(builder.Services);
        var harness = new QueueHarness(builder.Build(), logs);
        await harness.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        return harness;
    }

    public async Task StartAsync()
    {
        await _host.StartAsync();
        _started = true;
    }

    public async Task StopAsync()
    {
        if (_started)
        {
            _started = false;
            await _host.StopAsync();
        }
    }

    public Task<int> EnqueueAsync(params NewQueueItem[] items) => Writer.EnqueueAsync(items, CancellationToken.None);

    public async Task<List<QueueItemRecord>> ItemsAsync()
    {
        await using var context = Database.CreateContext();
        return await context.QueueItems.AsNoTracking().OrderBy(i => i.Id).ToListAsync();
    }

    public async Task<int> CountAsync()
    {
        await using var context = Database.CreateContext();
        return await context.QueueItems.CountAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_host is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
        else
        {
            _host.Dispose();
        }
    }
}
