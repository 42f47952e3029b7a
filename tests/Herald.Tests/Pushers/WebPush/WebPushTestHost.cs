using Herald.Pushers.WebPush;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Herald.Tests.Pushers.WebPush;

/// <summary>A started host with only <c>AddWebPush()</c> in it, its settings given, its logs captured.</summary>
public sealed class WebPushTestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private WebPushTestHost(IHost host, CapturedLogs logs)
    {
        _host = host;
        Logs = logs;
    }

    public CapturedLogs Logs { get; }

    public IServiceProvider Services => _host.Services;

    public WebPushSender Sender => Services.GetRequiredService<WebPushSender>();

    /// <summary>Settings for a host that can push to loopback over http, signing with a fresh VAPID key pair.</summary>
    public static Dictionary<string, string?> LoopbackSettings(out string vapidPublicKey)
    {
        var (publicKey, privateKey) = VapidKey.Generate();
        vapidPublicKey = publicKey;
        return new()
        {
            ["Push:WebPush:VapidPublicKey"] = publicKey,
            ["Push:WebPush:VapidPrivateKey"] = privateKey,
            ["Push:WebPush:Subject"] = "mailto:ops@herald.example",
            ["AllowPrivateTargets"] = "true",
            ["AllowHttpCallbacks"] = "true",
        };
    }

    public static async Task<WebPushTestHost> StartAsync(Dictionary<string, string?> settings, Action<IServiceCollection>? configure = null)
    {
        var logs = new CapturedLogs();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.AddProvider(logs);
        builder.Services.AddWebPush();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        try
        {
            await host.StartAsync();
        }
        catch
        {
            host.Dispose();
            throw;
        }

        return new WebPushTestHost(host, logs);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
