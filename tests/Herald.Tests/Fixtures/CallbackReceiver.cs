using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Fixtures;

/// <summary>A service's callback endpoint on loopback: records each POST (Authorization and JSON body) and answers with a fixed status.</summary>
public sealed class CallbackReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;

    private CallbackReceiver(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public ConcurrentQueue<(string Authorization, JsonElement Body)> Received { get; } = new();

    public static async Task<CallbackReceiver> StartAsync(int status)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        CallbackReceiver? receiver = null;
        app.MapPost("/cb", async (HttpRequest request) =>
        {
            var body = await JsonDocument.ParseAsync(request.Body);
            receiver!.Received.Enqueue((request.Headers.Authorization.ToString(), body.RootElement.Clone()));
            return Results.StatusCode(status);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        receiver = new CallbackReceiver(app, $"{address}/cb");
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
