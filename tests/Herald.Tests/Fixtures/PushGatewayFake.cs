using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Fixtures;

/// <summary>
/// A Matrix push gateway on loopback (<c>POST /_matrix/push/v1/notify</c>): records every request
/// body, answers 500 while <see cref="FailWith"/> is set, and lists pushkeys from
/// <see cref="RejectedPushkeys"/> in its <c>rejected</c> answer.
/// </summary>
public sealed class PushGatewayFake : IAsyncDisposable
{
    public const string NotifyPath = "/_matrix/push/v1/notify";

    private readonly WebApplication _app;
    private int _open;
    private int _peakOpen;

    private PushGatewayFake(WebApplication app, string baseUrl)
    {
        _app = app;
        Url = baseUrl + NotifyPath;
    }

    /// <summary>The notify URL a pusher registers.</summary>
    public string Url { get; }

    /// <summary>Requests answered 2xx, in arrival order.</summary>
    public ConcurrentQueue<JsonObject> Delivered { get; } = new();

    /// <summary>Every request, including the failed ones.</summary>
    public ConcurrentQueue<JsonObject> Attempts { get; } = new();

    /// <summary>When set, requests are answered with this status (e.g. 500) and not delivered.</summary>
    public int? FailWith { get; set; }

    public ConcurrentDictionary<string, bool> RejectedPushkeys { get; } = new();

    /// <summary>Event ids the gateway refuses with this status (e.g. 400), however often they are sent.</summary>
    public ConcurrentDictionary<string, int> RefusedEvents { get; } = new();

    /// <summary>
    /// When set, requests to the notify URL are answered 307 to the same URL with <c>?moved=1</c>,
    /// which the fake would deliver (a client that follows redirects would deliver there).
    /// </summary>
    public bool Redirect { get; set; }

    /// <summary>How long each request takes to answer (a slow gateway keeps a stream in flight).</summary>
    public TimeSpan Delay { get; set; } = TimeSpan.Zero;

    /// <summary>Characters of filler added to every answer, to make it as long as a test needs.</summary>
    public int AnswerPadding { get; set; }

    /// <summary>The most requests that were open at once.</summary>
    public int PeakOpenRequests => Volatile.Read(ref _peakOpen);

    /// <summary>Event ids of delivered event notifications (badge-only updates left out), in order.</summary>
    public IReadOnlyList<string> DeliveredEventIds =>
        [.. Delivered.Select(n => n["notification"]?["event_id"]?.GetValue<string>()).OfType<string>()];

    /// <summary>Delivered badge-only updates: their unread counts, in order.</summary>
    public IReadOnlyList<int> DeliveredBadges =>
        [.. Delivered.Where(n => n["notification"]?["event_id"] is null).Select(n => n["notification"]!["counts"]!["unread"]!.GetValue<int>())];

    public static async Task<PushGatewayFake> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        PushGatewayFake? fake = null;
        app.MapPost(NotifyPath, async (HttpRequest request) =>
        {
            var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
            fake!.Attempts.Enqueue(body);
            var open = Interlocked.Increment(ref fake._open);
            int peak;
            while (open > (peak = Volatile.Read(ref fake._peakOpen)) && Interlocked.CompareExchange(ref fake._peakOpen, open, peak) != peak)
            {
            }

            try
            {
                if (fake.Delay > TimeSpan.Zero)
                {
                    await Task.Delay(fake.Delay);
                }
            }
            finally
            {
                Interlocked.Decrement(ref fake._open);
            }

            if (fake.FailWith is { } status)
            {
                return Results.StatusCode(status);
            }

            if (body["notification"]?["event_id"]?.GetValue<string>() is { } eventId && fake.RefusedEvents.TryGetValue(eventId, out var refusal))
            {
                return Results.StatusCode(refusal);
            }

            if (fake.Redirect && !request.Query.ContainsKey("moved"))
            {
                return Results.Redirect(NotifyPath + "?moved=1", permanent: false, preserveMethod: true);
            }

            fake.Delivered.Enqueue(body);
            var rejected = new JsonArray();
            foreach (var device in body["notification"]?["devices"]?.AsArray() ?? [])
            {
                var pushkey = device?["pushkey"]?.GetValue<string>();
                if (pushkey is not null && fake.RejectedPushkeys.ContainsKey(pushkey))
                {
                    rejected.Add(pushkey);
                }
            }

            var answer = new JsonObject { ["rejected"] = rejected };
            if (fake.AnswerPadding > 0)
            {
                answer["padding"] = new string(' ', fake.AnswerPadding);
            }

            return Results.Content(answer.ToJsonString(), "application/json");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        fake = new PushGatewayFake(app, address);
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
