using Herald.Analytics;
using Herald.Callbacks;
using Herald.Notifications;
using Herald.Queue;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Analytics;

/// <summary>
/// A Herald in the API role (no workers: what the rules queue stays in the queue to be counted)
/// with a Mailgun instance, and intent methods: notifications sent through it, events about them
/// stored through <see cref="AnalyticsEventStore"/>, and what was kept.
/// </summary>
internal sealed class AnalyticsHarness : IAsyncDisposable
{
    public static readonly DateTime Start = new(2026, 7, 10, 12, 0, 0, DateTimeKind.Utc);

    private int _events;

    private AnalyticsHarness(TestDatabase database, HeraldApp herald, TestService service, FakeTimeProvider clock)
    {
        Database = database;
        Herald = herald;
        Service = service;
        Clock = clock;
    }

    public TestDatabase Database { get; }

    public HeraldApp Herald { get; }

    public TestService Service { get; }

    public FakeTimeProvider Clock { get; }

    public AnalyticsEventStore Store => Herald.Services.GetRequiredService<AnalyticsEventStore>();

    public static async Task<AnalyticsHarness> StartAsync(DatabaseProvider provider, IDictionary<string, string?>? settings = null, FakeTimeProvider? clock = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        clock ??= new FakeTimeProvider(new DateTimeOffset(Start));
        var all = new Dictionary<string, string?>
        {
            ["Delivery:EmailProvider"] = "mailgun",
            ["Providers:Mailgun:ApiKey"] = "key-123",
            ["Providers:Mailgun:Domain"] = "mg.example",
            ["Providers:Mailgun:BaseUrl"] = "http://127.0.0.1:9",
            ["AllowPrivateTargets"] = "true",
            ["AllowHttpCallbacks"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var herald = await HeraldApp.StartAsync(database, clock, HeraldRole.Api, all);
        var service = await herald.CreateReadyServiceAsync();
        await herald.SetCallbackAsync(service.Id, "delivery_status", "http://127.0.0.1:9/status");
        await herald.SetCallbackAsync(service.Id, "complaint", "http://127.0.0.1:9/complaint");
        return new AnalyticsHarness(database, herald, service, clock);
    }

    /// <summary>A notification that Mailgun accepted: <c>sending</c>, its Message-ID the reference.</summary>
    public async Task<Guid> SentAsync(string to = "ada@example.com")
    {
        var id = Guid.Parse((await Herald.SendEmailAsync(Service, to)).GetProperty("id").GetString()!);
        await using var context = Herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        await context.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.Status, NotificationStatus.Sending)
            .SetProperty(n => n.ProviderName, "mailgun")
            .SetProperty(n => n.ProviderReference, Reference(id))
            .SetProperty(n => n.SentAt, Start));
        return id;
    }

    public static string Reference(Guid id) => $"{id}@mg.example";

    /// <summary>An event as Mailgun would name it: a fresh event id, the reference and the user variable.</summary>
    public ProviderEvent Event(Guid id, string type, int secondsAfterStart, string? severity = null, string? code = null, string? message = null, string? eventId = null) =>
        new("mailgun", eventId ?? $"ev-{Interlocked.Increment(ref _events)}-{Guid.NewGuid():N}", type, Start.AddSeconds(secondsAfterStart), Reference(id), id,
            type == AnalyticsEventTypes.Failed ? severity ?? AnalyticsEventTypes.Permanent : null, code, code is null ? null : "5.1.1", message);

    public Task<StoredEvents> StoreAsync(params ProviderEvent[] events) => Store.StoreAsync(events, CancellationToken.None);

    public async Task<NotificationAnalyticsRecord?> StateAsync(Guid id)
    {
        await using var context = Herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.NotificationAnalytics.AsNoTracking().FirstOrDefaultAsync(a => a.NotificationId == id);
    }

    public async Task<string> StatusAsync(Guid id)
    {
        await using var context = Herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.Notifications.Where(n => n.Id == id).Select(n => n.Status).SingleAsync();
    }

    /// <summary>The callbacks queued, as <c>kind:id</c> payloads (a bare id is a delivery_status callback).</summary>
    public async Task<List<string>> CallbacksAsync()
    {
        await using var context = Herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.QueueItems.Where(q => q.Kind == CallbackSender.KindName).Select(q => q.Payload).ToListAsync();
    }

    public async Task<List<SuppressionRecord>> SuppressionsAsync()
    {
        await using var context = Herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.Suppressions.AsNoTracking().Where(s => s.ServiceId == Service.Id).ToListAsync();
    }

    public async Task<int> CountAsync<T>(Func<HeraldDbContext, IQueryable<T>> query)
    {
        await using var context = Herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await query(context).CountAsync();
    }

    /// <summary>Every order of the items (n! of them: keep n small).</summary>
    public static IEnumerable<T[]> Orders<T>(IReadOnlyList<T> items)
    {
        if (items.Count <= 1)
        {
            yield return [.. items];
            yield break;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var rest = items.Where((_, j) => j != i).ToList();
            foreach (var order in Orders(rest))
            {
                yield return [items[i], .. order];
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Herald.DisposeAsync();
        await Database.DisposeAsync();
    }
}
