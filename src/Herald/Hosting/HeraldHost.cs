using Herald.Admin;
using Herald.Admin.Users;
using Herald.AdminUi;
using Herald.Analytics;
using Herald.Api;
using Herald.Auth;
using Herald.Callbacks;
using Herald.Delivery;
using Herald.Facts;
using Herald.Idempotency;
using Herald.Integrations.Mailgun;
using Herald.Integrations.Smtp;
using Herald.Integrations.Twilio;
using Herald.Integrations.Vonage;
using Herald.Jobs;
using Herald.Limits;
using Herald.Notifications;
using Herald.Observability;
using Herald.Outbound;
using Herald.Providers;
using Herald.Providers.Capture;
using Herald.Providers.Instances;
using Herald.Pushers;
using Herald.Pushers.Email;
using Herald.Queue;
using Herald.Receipts;
using Herald.Reference;
using Herald.Retention;
using Herald.Search;
using Herald.Recipients;
using Herald.Secrets;
using Herald.Services;
using Herald.Settings;
using Herald.Storage;
using Herald.Templates;

namespace Herald.Hosting;

/// <summary>Builds the Herald process: the table of contents of what it is made of.</summary>
public static class HeraldHost
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static WebApplication Build(IReadOnlyDictionary<string, string?> overrides, Action<IServiceCollection>? configureServices = null)
    {
        var builder = CreateBuilder(overrides);
        var role = builder.Configuration.GetValue("Role", HeraldRole.All);

        // Lowest first: each feature's AddX (in its own folder) registers only its own services.
        // Hosted services start in this order: the queue's workers before the start-up work of
        // the features after it (the key ring, the provider load).
        builder.AddStorage();
        builder.AddAdmin();
        builder.AddAdminUsers(role);
        builder.AddQueue(role);
        builder.AddOutbound();
        builder.AddRecipients();
        builder.AddSecrets();
        builder.AddServices();
        builder.AddApiKeyAuthentication();
        builder.AddTemplates();
        builder.AddLimits();
        builder.AddNotifications();
        builder.AddIdempotency();
        builder.AddCallbacks();
        builder.AddProviders();
        builder.AddSmtpProvider();
        builder.AddMailgunProvider();
        builder.AddTwilioProvider();
        builder.AddVonageProvider();
        builder.AddReceipts();
        builder.AddDelivery();
        builder.AddRetention();
        builder.AddFacts();
        builder.AddAnalytics();
        builder.AddSearch();
        builder.AddNotifyApi();
        builder.AddPushers(role);
        builder.AddJobs();
        builder.AddEmailPusher();
        builder.AddObservability();
        builder.AddApiReference();
        builder.AddEdgeLimits();
        builder.AddAdminUi();

        // After every feature's own handler: the fallback for refusals on routes no feature formats.
        builder.Services.AddExceptionHandler<RefusedRequestHandler>();
        configureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseEdgeLimits();
        app.MapObservability();
        if (role.ServesApi())
        {
            app.MapNotifyApi();
            app.MapPushApi();
            app.MapServiceAdmin();
            app.MapTemplateAdmin();
            app.MapCallbackAdmin();
            app.MapProviderAdmin();
            app.MapInboxAdmin();
            app.MapQueueAdmin();
            app.MapRetentionAdmin();
            app.MapFactsAdmin();
            app.MapAnalyticsAdmin();
            app.MapSearchAdmin();
            app.MapJobsAdmin();
            app.MapBulkNotifications();
            app.MapUserAdminApi();
            app.MapProviderWebhooks();
            app.MapEmailUnsubscribe();
            app.MapApiReference();
            app.MapAdminUi();
        }

        return app;
    }

    /// <summary>Applies migrations, then serves until SIGTERM or Ctrl-C, then stops gracefully.</summary>
    public static async Task RunAsync(WebApplication app, CancellationToken cancellationToken)
    {
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);

        // Created (and its location logged) now rather than at the first admin request.
        app.Services.GetRequiredService<AdminToken>();
        await app.Services.GetRequiredService<KeyRingStartupCheck>().CheckAsync(cancellationToken);
        await app.RunAsync();
    }

    /// <summary>
    /// Configuration, lowest precedence first: <c>appsettings.json</c> beside the binary,
    /// <c>appsettings.json</c> in the working directory, <c>HERALD_*</c> environment variables,
    /// then command-line flags. Unprefixed environment variables are ignored on purpose.
    /// </summary>
    private static WebApplicationBuilder CreateBuilder(IReadOnlyDictionary<string, string?> overrides)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory, Args = [] });
        var configuration = builder.Configuration;
        configuration.Sources.Clear();
        configuration
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddJsonFile(Path.Combine(Environment.CurrentDirectory, "appsettings.json"), optional: true, reloadOnChange: false)
            .AddEnvironmentVariables("HERALD_")
            .AddInMemoryCollection(overrides);

        builder.WebHost.UseUrls(configuration["Urls"] ?? DefaultUrls);
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        var grace = configuration.GetValue($"{QueueOptions.Section}:{nameof(QueueOptions.ShutdownGrace)}", new QueueOptions().ShutdownGrace);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = grace + TimeSpan.FromSeconds(20));
        return builder;
    }
}
