using System.Text.Json;
using Herald.Providers.Capture;
using Herald.Pushers;
using Herald.Pushers.Email;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Herald.Settings;

namespace Herald.Tests.Pushers.Email;

/// <summary>
/// A Herald on a fake clock with a service, and what an email-digest test does: register an
/// email pusher, post messages and receipts through /v2/push, run the pusher, read the dev inbox.
/// </summary>
internal sealed class EmailDigestScenario : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _database;

    private EmailDigestScenario(TestDatabase database, HeraldApp app, TimerWatchingTimeProvider time, TestService service)
    {
        _database = database;
        App = app;
        Time = time;
        Service = service;
    }

    public HeraldApp App { get; }

    public TimerWatchingTimeProvider Time { get; }

    public TestService Service { get; }

    /// <summary>The API alone runs pushers only when <see cref="ProcessAsync"/> is called; <see cref="HeraldRole.All"/> runs the pool too.</summary>
    public static async Task<EmailDigestScenario> StartAsync(DatabaseProvider provider, HeraldRole role = HeraldRole.Api, IDictionary<string, string?>? settings = null)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var time = new TimerWatchingTimeProvider(Start);
        var all = new Dictionary<string, string?> { ["Push:Email:PublicUrl"] = "https://herald.example" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = await HeraldApp.StartAsync(database, time, role, all);
        var service = await app.CreateReadyServiceAsync();
        return new EmailDigestScenario(database, app, time, service);
    }

    public async Task<Guid> RegisterEmailPusherAsync(string user, string address, string brand = "Chat")
    {
        var response = await App.PostAsync(Service.Key, $"/v2/push/users/{Uri.EscapeDataString(user)}/pushers", new
        {
            kind = "email",
            app_id = "m.email",
            pushkey = address,
            app_display_name = "Email",
            device_display_name = address,
            lang = "en",
            data = new { brand },
        });
        await HeraldApp.ExpectAsync(response, 201);
        await using var context = Database.CreateContext();
        return await context.Pushers.Where(p => p.ServiceId == Service.Id && p.UserId == user && p.Pushkey == address).Select(p => p.Id).SingleAsync();
    }

    /// <summary>Posts a message to <paramref name="recipients"/>; returns its stream ordering.</summary>
    public async Task<long> PostMessageAsync(string room, string roomName, string sender, string body, string[] recipients, bool highlight = false)
    {
        var response = await App.PostAsync(Service.Key, "/v2/push/events", new
        {
            room_id = room,
            type = "m.room.message",
            sender = sender.ToLowerInvariant(),
            sender_display_name = sender,
            room_name = roomName,
            content = new { msgtype = "m.text", body },
            recipients = recipients.Select(r => new { user_id = r, highlight }).ToArray(),
        });
        return (await HeraldApp.ExpectAsync(response, 201)).GetProperty("stream_ordering").GetInt64();
    }

    public async Task ReadAsync(string user, string room, long streamOrdering)
    {
        var response = await App.PostAsync(Service.Key, $"/v2/push/users/{Uri.EscapeDataString(user)}/receipts", new { room_id = room, stream_ordering = streamOrdering });
        await HeraldApp.ExpectAsync(response, 200);
    }

    public Task<EmailPass> ProcessAsync(Guid pusherId) => App.Services.GetRequiredService<EmailPusher>().ProcessAsync(pusherId, CancellationToken.None);

    public void Advance(TimeSpan by) => Time.Advance(by);

    /// <summary>Moves the clock to <paramref name="at"/> (only forwards).</summary>
    public void AdvanceTo(DateTimeOffset at) => Time.Advance(at - Time.GetUtcNow());

    /// <summary>The dev inbox's emails to <paramref name="to"/>, oldest first.</summary>
    public async Task<List<CapturedMessageRecord>> InboxAsync(string to)
    {
        await using var context = Database.CreateContext();
        return await context.CapturedMessages.AsNoTracking().Where(m => m.To == to && m.Channel == "email").OrderBy(m => m.Id).ToListAsync();
    }

    public async Task<List<PusherThrottleRecord>> ThrottlesAsync(Guid pusherId)
    {
        await using var context = Database.CreateContext();
        return await context.PusherThrottles.AsNoTracking().Where(t => t.PusherId == pusherId).OrderBy(t => t.RoomId).ToListAsync();
    }

    public async Task<PusherRecord?> PusherAsync(Guid pusherId)
    {
        await using var context = Database.CreateContext();
        return await context.Pushers.AsNoTracking().FirstOrDefaultAsync(p => p.Id == pusherId);
    }

    public async Task<JsonElement> ListPushersAsync(string user) =>
        (await HeraldApp.ExpectAsync(await App.GetAsync(Service.Key, $"/v2/push/users/{Uri.EscapeDataString(user)}/pushers"), 200)).GetProperty("pushers");

    /// <summary>The unsubscribe link's path and query, from the text body's last line (the link's host is the configured public URL).</summary>
    public static string UnsubscribePath(CapturedMessageRecord message)
    {
        var line = message.Body.Split('\n').Last(l => l.StartsWith("Unsubscribe: ", StringComparison.Ordinal));
        return new Uri(line["Unsubscribe: ".Length..].Trim()).PathAndQuery;
    }

    private HeraldDatabase Database => App.Services.GetRequiredService<HeraldDatabase>();

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await _database.DisposeAsync();
    }
}
