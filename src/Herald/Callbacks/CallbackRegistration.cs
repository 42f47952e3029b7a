using Herald.Outbound;
using Herald.Queue;

namespace Herald.Callbacks;

public static class CallbackRegistration
{
    /// <summary>Services' callbacks: their administration and their delivery, through the outbound URL policy.</summary>
    public static IHostApplicationBuilder AddCallbacks(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<CallbackAdministration>();
        services.AddHttpClient(CallbackSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<OutboundUrlPolicy>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .RemoveAllLoggers(); // HttpClient's own logging writes whole URLs, and a service's callback URL may carry a secret
        services.AddQueueHandler<CallbackSender>();
        return builder;
    }
}
