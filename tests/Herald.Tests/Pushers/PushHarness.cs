using System.Net.Http.Json;
using System.Text.Json;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Herald.Settings;

namespace Herald.Tests.Pushers;

/// <summary>A Herald on a fake clock, a push gateway fake and a service, with intent methods for the push API.</summary>
public sealed class PushHarness : IAsyncDisposable
{
    private PushHarness(TestDatabase database, HeraldApp herald, FakeTimeProvider clock, PushGatewayFake gateway, TestService service)
    {
        Database = database;
        Herald = herald;
        Clock = clock;
        Gateway = gateway;
        Service = service;
    }

    public TestDatabase Database { get; }

    public HeraldApp Herald { get; }

    public FakeTimeProvider Clock { get; }

    public PushGatewayFake Gateway { get; }

    public TestService Service { get; }

    public static async Task<PushHarness> StartAsync(
        DatabaseProvider provider, HeraldRole role = HeraldRole.All, Action<IServiceCollection>? services = null, IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero));
        var all = new Dictionary<string, string?> { ["AllowPrivateTargets"] = "true", ["Logging:LogLevel:Herald.Pushers"] = "Debug" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var herald = await HeraldApp.StartAsync(database, clock, role, all, services);
        var gateway = await PushGatewayFake.StartAsync();
        var service = await herald.CreateReadyServiceAsync();
        return new PushHarness(database, herald, clock, gateway, service);
    }

    public async Task<JsonElement> RegisterHttpPusherAsync(string user, string pushkey, object? data = null, int status = 201)
    {
        var response = await Herald.PostAsync(Service.Key, $"/v2/push/users/{Uri.EscapeDataString(user)}/pushers", new
        {
            kind = "http",
            app_id = "com.example.chat",
            pushkey,
            app_display_name = "Chat",
            device_display_name = "Phone",
            lang = "en",
            data = data ?? new { url = Gateway.Url },
        });
        return await HeraldApp.ExpectAsync(response, status);
    }

    public async Task<long> PostEventAsync(string eventId, string room, params string[] users)
    {
        var response = await Herald.PostAsync(Service.Key, "/v2/push/events", new
        {
            room_id = room,
            event_id = eventId,
            type = "m.room.message",
            sender = "@alice:example.org",
            sender_display_name = "Alice",
            room_name = "Project X",
            content = new { msgtype = "m.text", body = "hello " + eventId },
            recipients = users.Select(u => new { user_id = u }).ToArray(),
        });
        return (await HeraldApp.ExpectAsync(response, 201)).GetProperty("stream_ordering").GetInt64();
    }

    public async Task<JsonElement> PostReceiptAsync(string user, string room, string eventId)
    {
        var response = await Herald.PostAsync(Service.Key, $"/v2/push/users/{Uri.EscapeDataString(user)}/receipts", new { room_id = room, event_id = eventId });
        return await HeraldApp.ExpectAsync(response, 200);
    }

    public async Task<JsonElement[]> PushersAsync(string user)
    {
        var body = await HeraldApp.ExpectAsync(await Herald.GetAsync(Service.Key, $"/v2/push/users/{Uri.EscapeDataString(user)}/pushers"), 200);
        return [.. body.GetProperty("pushers").EnumerateArray()];
    }

    public async Task<JsonElement> FeedAsync(string user, string query = "")
    {
        return await HeraldApp.ExpectAsync(await Herald.GetAsync(Service.Key, $"/v2/push/users/{Uri.EscapeDataString(user)}/notifications{query}"), 200);
    }

    /// <summary>Moves the fake clock on by <paramref name="step"/> at each check until <paramref name="condition"/> holds.</summary>
    public Task AdvanceUntilAsync(TimeSpan step, Func<bool> condition, string what, TimeSpan? timeout = null) =>
        Eventually.TrueAsync(() =>
        {
            if (condition())
            {
                return Task.FromResult(true);
            }

            Clock.Advance(step);
            return Task.FromResult(condition());
        }, what, timeout);

    public async ValueTask DisposeAsync()
    {
        await Herald.DisposeAsync();
        await Gateway.DisposeAsync();
        await Database.DisposeAsync();
    }
}
