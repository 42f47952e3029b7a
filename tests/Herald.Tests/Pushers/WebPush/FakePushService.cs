using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Pushers.WebPush;

/// <summary>
/// A push service on loopback (RFC 8030 §5): takes POSTs to <c>/push/{id}</c>, records each one's
/// headers and raw body, and answers with <see cref="Status"/> (or never, while <see cref="Hang"/> is set).
/// </summary>
public sealed class FakePushService : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakePushService(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The service's base URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string Url { get; }

    public int Status { get; set; } = 201;

    public bool Hang { get; set; }

    public ConcurrentQueue<ReceivedPush> Received { get; } = new();

    public string Endpoint(string id) => $"{Url}/push/{id}";

    public static async Task<FakePushService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakePushService? fake = null;
        app.MapPost("/push/{id}", async (HttpContext context, string id) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            fake!.Received.Enqueue(new ReceivedPush(id, headers, body.ToArray()));
            if (fake.Hang)
            {
                await Task.Delay(TimeSpan.FromMinutes(1), context.RequestAborted);
            }

            return Results.StatusCode(fake.Status);
        });
        await app.StartAsync();
        fake = new FakePushService(app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
