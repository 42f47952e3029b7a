using Herald.Settings;

namespace Herald.Outbound;

public static class OutboundRegistration
{
    /// <summary>Where outbound calls to user-chosen URLs may go (<c>AllowPrivateTargets</c>, <c>AllowHttpCallbacks</c>): callbacks, push gateways, web push.</summary>
    public static IHostApplicationBuilder AddOutbound(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<OutboundOptions>().Configure<IConfiguration>((o, c) =>
        {
            o.AllowPrivateTargets = ConfigurationKeys.GetFlag(c, nameof(OutboundOptions.AllowPrivateTargets));
            o.AllowHttpCallbacks = ConfigurationKeys.GetFlag(c, nameof(OutboundOptions.AllowHttpCallbacks));
        });
        services.AddSingleton<OutboundUrlPolicy>();
        return builder;
    }
}
