using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Herald.Outbound;

namespace Herald.Pushers.WebPush;

public static class WebPushServiceCollectionExtensions
{
    /// <summary>
    /// <see cref="WebPushSender"/> and what it needs: the <c>Push:WebPush</c> options (valid when empty;
    /// checked at start-up when set), the VAPID signer, metrics, and the <c>webpush</c> HTTP client whose
    /// connections go through <see cref="OutboundUrlPolicy"/>. Safe to call more than once.
    /// </summary>
    public static IServiceCollection AddWebPush(this IServiceCollection services)
    {
        services.AddOptions<WebPushOptions>().BindConfiguration(WebPushOptions.Section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebPushOptions>, WebPushOptionsValidator>());
        services.AddOutboundPolicy();
        services.AddMetrics();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<VapidSigner>();
        services.TryAddSingleton<WebPushMetrics>();
        services.TryAddSingleton<WebPushSender>();

        services.AddHttpClient(WebPushSender.HttpClientName, client => client.Timeout = WebPushSender.Timeout)
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<OutboundUrlPolicy>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),

                // A redirect would carry the message somewhere the subscription did not name.
                AllowAutoRedirect = false,
            })
            // The default request logging writes the full URL, and an endpoint is a capability URL.
            .RemoveAllLoggers();
        return services;
    }
}
