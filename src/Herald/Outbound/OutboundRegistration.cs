using Herald.Settings;

namespace Herald.Outbound;

public static class OutboundRegistration
{
    /// <summary>Where outbound calls to user-chosen URLs may go (<c>AllowPrivateTargets</c>, <c>AllowHttpCallbacks</c>): callbacks, push gateways, web push.</summary>
    public static IHostApplicationBuilder AddOutbound(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOutboundPolicy();
        return builder;
    }

    /// <summary>
    /// The outbound options and <see cref="OutboundUrlPolicy"/>, once however often it is called, so a
    /// feature composed without the whole host (web push on its own) does not depend on the order of registration.
    /// </summary>
    public static IServiceCollection AddOutboundPolicy(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(OutboundUrlPolicy)))
        {
            return services;
        }

        services.AddOptions<OutboundOptions>().Configure<IConfiguration>((o, c) =>
        {
            o.AllowPrivateTargets = ConfigurationKeys.GetFlag(c, nameof(OutboundOptions.AllowPrivateTargets));
            o.AllowHttpCallbacks = ConfigurationKeys.GetFlag(c, nameof(OutboundOptions.AllowHttpCallbacks));
        });
        services.AddSingleton<OutboundUrlPolicy>();
        return services;
    }
}
