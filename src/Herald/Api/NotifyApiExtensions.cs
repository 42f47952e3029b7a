using Herald.Admin;
using Herald.Callbacks;
using Herald.Api.Notifications;
using Herald.Api.Templates;
using Herald.Delivery;
using Herald.Hosting;
using Herald.Limits;
using Herald.Notifications;
using Herald.Providers;
using Herald.Providers.Capture;
using Herald.Providers.Instances;
using Herald.Providers.Mailgun;
using Herald.Providers.Smtp;
using Herald.Providers.Twilio;
using Herald.Providers.Vonage;
using Herald.Receipts;
using Herald.Queue;
using Herald.Services;
using Herald.Storage;
using Herald.Templates;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Herald.Settings;
using Herald.Outbound;
using Herald.Auth;

namespace Herald.Api;

public static class NotifyApiExtensions
{
    /// <summary>Services, keys, sending, limits, delivery through the capture provider and the simulator, and the admin API.</summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.Section);
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.EmailProvider is "capture" or "smtp" or "mailgun", "Delivery:EmailProvider must be capture, smtp or mailgun.")
            .Validate(o => o.SmsProvider is "capture" or "twilio" or "vonage", "Delivery:SmsProvider must be capture, twilio or vonage.")
            .ValidateOnStart();
        services.AddOptions<SmtpOptions>().BindConfiguration(SmtpOptions.Section).ValidateDataAnnotations()
            .Validate(o => o.Host.Length > 0 || builder.Configuration[$"{DeliveryOptions.Section}:EmailProvider"] != "smtp", "Providers:Smtp:Host is required when Delivery:EmailProvider is smtp.")
            .ValidateOnStart();
        services.AddDataProtection().SetApplicationName("herald").PersistKeysToDbContext<HeraldDbContext>();
        services.AddSingleton<ApiKeySecrets>();
        services.AddSingleton<ServiceDirectory>();
        services.AddSingleton<ApiAuthenticator>();
        services.AddSingleton<IRateLimiter>(sp => sp.GetRequiredService<HeraldDatabase>().Provider == DatabaseProvider.Postgres
            ? ActivatorUtilities.CreateInstance<PostgresRateLimiter>(sp)
            : ActivatorUtilities.CreateInstance<MemoryRateLimiter>(sp));
        services.AddSingleton<DailyLimits>();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<TemplateCache>();
        services.AddSingleton<NotificationWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationWriter>());
        services.AddSingleton<NotificationSender>();
        services.AddSingleton<NotificationQueries>();
        services.AddSingleton<TemplateQueries>();
        services.AddSingleton<NotifyRequestContext>();
        services.AddExceptionHandler<NotifyErrorHandler>();
        services.AddProblemDetails();

        services.AddSingleton<CaptureProvider>();
        services.AddOptions<MailgunOptions>().BindConfiguration(MailgunOptions.Section)
            .Validate(o => (o.ApiKey.Length > 0 && o.Domain.Length > 0) || builder.Configuration[$"{DeliveryOptions.Section}:EmailProvider"] != "mailgun",
                "Providers:Mailgun:ApiKey and Domain are required when Delivery:EmailProvider is mailgun.")
            .ValidateOnStart();
        ProviderHttp.AddClient(services, MailgunEmailProvider.HttpClientName, TimeSpan.FromSeconds(15));
        services.AddOptions<TwilioOptions>().BindConfiguration(TwilioOptions.Section)
            .Validate(o => (o.AccountSid.Length > 0 && o.AuthToken.Length > 0) || builder.Configuration[$"{DeliveryOptions.Section}:SmsProvider"] != "twilio",
                "Providers:Twilio:AccountSid and AuthToken are required when Delivery:SmsProvider is twilio.")
            .ValidateOnStart();
        ProviderHttp.AddClient(services, TwilioSmsProvider.HttpClientName, TimeSpan.FromSeconds(10));
        services.AddOptions<VonageOptions>().BindConfiguration(VonageOptions.Section)
            .Validate(o => (o.ApiKey.Length > 0 && o.ApiSecret.Length > 0) || builder.Configuration[$"{DeliveryOptions.Section}:SmsProvider"] != "vonage",
                "Providers:Vonage:ApiKey and ApiSecret are required when Delivery:SmsProvider is vonage.")
            .Validate(o => o.WebhookToken.Length is 0 or >= 16, "Providers:Vonage:WebhookToken must be at least 16 characters.")
            .ValidateOnStart();
        ProviderHttp.AddClient(services, VonageSmsProvider.HttpClientName, TimeSpan.FromSeconds(10));
        services.AddProviderInstances();
        services.AddQueueHandler<ReceiptProcessor>();
        services.AddSingleton<InboundSmsRecorder>();
        services.AddSingleton<ComplaintRecorder>();
        services.AddSingleton<NotificationStatusUpdater>();
        services.AddSingleton<NotificationDelivery>();
        services.AddSingleton<OrphanedNotifications>();
        services.AddQueueHandler<EmailDeliveryHandler>();
        services.AddQueueHandler<SmsDeliveryHandler>();
        services.AddQueueHandler<SimulatedReceiptHandler>();
        services.AddQueueHandler<StuckNotificationsHandler>();
        services.AddPeriodicTask(StuckNotificationsHandler.Schedule);

        services.AddOptions<OutboundOptions>().Configure<IConfiguration>((o, c) =>
        {
            o.AllowPrivateTargets = ConfigurationKeys.GetFlag(c, nameof(OutboundOptions.AllowPrivateTargets));
            o.AllowHttpCallbacks = ConfigurationKeys.GetFlag(c, nameof(OutboundOptions.AllowHttpCallbacks));
        });
        services.AddSingleton<OutboundUrlPolicy>();
        services.AddSingleton<CallbackAdministration>();
        services.AddHttpClient(CallbackSender.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(5))
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                ConnectCallback = sp.GetRequiredService<OutboundUrlPolicy>().ConnectAsync,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .RemoveAllLoggers(); // HttpClient's own logging writes whole URLs, and a service's callback URL may carry a secret
        services.AddQueueHandler<CallbackSender>();

        services.AddSingleton<AdminToken>();
        services.AddSingleton<ServiceAdministration>();
        return builder;
    }
}
