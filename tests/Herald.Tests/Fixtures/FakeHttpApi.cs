using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Fixtures;

/// <summary>
/// A provider's HTTP API on loopback, closely enough for an adapter: one POST route taking a form,
/// recording each call (Authorization header and fields) and answering as <see cref="Answer"/> says.
/// </summary>
public sealed class FakeHttpApi : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeHttpApi(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public Func<Dictionary<string, string>, (int Status, string Body)> Answer { get; set; } = _ => (500, "");

    public ConcurrentQueue<(string Authorization, Dictionary<string, string> Form)> Received { get; } = new();

    public static async Task<FakeHttpApi> StartAsync(string route, Func<Dictionary<string, string>, (int Status, string Body)> answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        FakeHttpApi? fake = null;
        app.MapPost(route, async (HttpRequest request) =>
        {
            var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString());
            fake!.Received.Enqueue((request.Headers.Authorization.ToString(), form));
            var (status, body) = fake.Answer(form);
            return Results.Content(body, "application/json", statusCode: status);
        });
        await app.StartAsync();
        fake = new FakeHttpApi(app, app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()) { Answer = answer };
        return fake;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
