using Herald.Pushers.Email;
using Herald.Pushers.Http;
using Herald.Pushers.WebPush;
using Herald.Settings;
using Herald.Outbound;

namespace Herald.Pushers;

public static class PushersServiceCollectionExtensions
{
    /// <summary>
    /// Events, receipts, pushers and the feed everywhere; the pusher pool (and its PostgreSQL
    /// listener) in the worker role. Needs the outbound URL policy (<c>AddNotifications</c>).
    /// </summary>
    public static IHostApplicationBuilder AddPushers(this IHostApplicationBuilder builder, HeraldRole role)
    {
        var services = builder.Services;
        services.AddOptions<PushersOptions>().BindConfiguration(PushersOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.LeaseDuration >= TimeSpan.FromSeconds(3) && o.SweepInterval > TimeSpan.Zero, "Pushers:LeaseDuration must be at least 3 s and SweepInterval positive.")
            .Validate(o => o.InitialBackoff > TimeSpan.Zero && o.MaxBackoff >= o.InitialBackoff, "Pushers:InitialBackoff must be positive and at most MaxBackoff.")
            .Validate(o => o.GiveUpAfter > TimeSpan.Zero && o.GatewayTimeout > TimeSpan.Zero, "Pushers:GiveUpAfter and GatewayTimeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton<PusherWakeups>();
        services.AddSingleton<PushEventWriter>();
        services.AddSingleton<PushTableStatistics>();
        services.AddSingleton<PushReceiptWriter>();
        services.AddSingleton<PusherAdministration>();
        services.AddSingleton<PushFeed>();
        services.AddSingleton<PushActionQueries>();
        services.AddSingleton<PusherStore>();
        services.AddSingleton<PusherMetrics>();
        services.AddSingleton<PusherLeases>();

        services.AddPusherKind<HttpPusherKind>();
        services.AddPusherKind<EmailPusherKind>();
        services.AddPusherKind<WebPushPusherKind>();

        services.AddHttpClient(HttpPusherProcessor.HttpClientName, (sp, client) =>
                client.Timeout = sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<PushersOptions>>().Value.GatewayTimeout)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<OutboundUrlPolicy>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),

                // A redirect would carry the user's notification somewhere the pusher did not name.
                AllowAutoRedirect = false,
            })
            // The processor logs each failed push with the pusher; the factory's request logging
            // would add a scope and two lines per push, and writes gateway URLs in full.
            .RemoveAllLoggers();
        services.AddPusherProcessor<HttpPusherProcessor>();
        services.AddWebPush();
        services.AddPusherProcessor<WebPushPusherProcessor>();

        if (role.RunsWorkers())
        {
            services.AddSingleton<PusherPool>();
            services.AddHostedService(sp => sp.GetRequiredService<PusherPool>());
            services.AddHostedService<PostgresPusherListener>();
        }

        return builder;
    }

    /// <summary>Registers what the API accepts for a pusher kind (a later one for the same kind wins).</summary>
    public static IServiceCollection AddPusherKind<TKind>(this IServiceCollection services)
        where TKind : class, IPusherKind
    {
        services.AddSingleton<IPusherKind, TKind>();
        return services;
    }

    /// <summary>Registers the processor that delivers for a pusher kind (a later one for the same kind wins).</summary>
    public static IServiceCollection AddPusherProcessor<TProcessor>(this IServiceCollection services)
        where TProcessor : class, IPusherProcessor
    {
        services.AddSingleton<IPusherProcessor, TProcessor>();
        return services;
    }
}
