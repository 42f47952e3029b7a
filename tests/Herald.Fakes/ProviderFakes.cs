using Herald.Fakes.Control;
using Herald.Fakes.Mailgun;
using Herald.Fakes.Matrix;
using Herald.Fakes.Twilio;
using Herald.Fakes.Vonage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Herald.Fakes;

/// <summary>
/// Twilio, Vonage, Mailgun and a Matrix push gateway on one loopback address, closely enough for
/// Herald's adapters, with injectable behaviour and a control API under <c>/_fakes</c>.
/// In process: <c>await using var fakes = await ProviderFakes.StartAsync(new FakeOptions { ... });</c>
/// point the providers' base URLs at <see cref="BaseUrl"/>, then read and steer each fake.
/// </summary>
public sealed class ProviderFakes : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ReceiptSender _receipts;
    private readonly MailgunFake _mailgun;

    private ProviderFakes(WebApplicationBuilder builder, FakeOptions options)
    {
        Options = options;
        var random = new FakeRandom(options.Seed);
        Twilio = new ProviderFake("twilio", options.Twilio, random, options.Time);
        Vonage = new ProviderFake("vonage", options.Vonage, random, options.Time);
        Mailgun = new ProviderFake("mailgun", options.Mailgun, random, options.Time);
        Matrix = new ProviderFake("matrix", options.Matrix, random, options.Time);
        All = [Twilio, Vonage, Mailgun, Matrix];
        builder.Services.AddSingleton(this);
        _app = builder.Build();
        _receipts = new ReceiptSender(options.Time, _app.Services.GetRequiredService<ILogger<ReceiptSender>>());
        new TwilioFake(Twilio, _receipts, options).Map(_app);
        new VonageFake(Vonage, _receipts, options).Map(_app);
        _mailgun = new MailgunFake(Mailgun, _receipts, options);
        _mailgun.Map(_app);
        new MatrixPushFake(Matrix).Map(_app);
        _app.MapControlApi(this);
    }

    public FakeOptions Options { get; }

    /// <summary>Where the fakes listen, e.g. <c>http://127.0.0.1:41234</c> (known once started).</summary>
    public string BaseUrl => _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

    public ProviderFake Twilio { get; }

    public ProviderFake Vonage { get; }

    public ProviderFake Mailgun { get; }

    public ProviderFake Matrix { get; }

    public IReadOnlyList<ProviderFake> All { get; }

    /// <summary>
    /// Logs a Mailgun event (delivered, opened, failed...) about a message at <paramref name="at"/>,
    /// visible to the events API only <paramref name="storedAfter"/> later, as Mailgun stores events late.
    /// </summary>
    public void AddMailgunEvent(string name, string messageId, string recipient, string notificationId, DateTimeOffset at, TimeSpan storedAfter = default, string? eventId = null, string? severity = null) =>
        _mailgun.AddEvent(name, messageId, recipient, notificationId, at, storedAfter, eventId, severity);

    public ProviderFake? Find(string name) => All.FirstOrDefault(f => string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Starts the fakes in this process on <see cref="FakeOptions.Url"/> (default a free loopback port).</summary>
    public static async Task<ProviderFakes> StartAsync(FakeOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new FakeOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(options.Url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var fakes = new ProviderFakes(builder, options);
        await fakes._app.StartAsync(cancellationToken);
        return fakes;
    }

    /// <summary>
    /// The standalone app: <c>--urls</c> (default <c>http://127.0.0.1:5080</c>), <c>--Seed</c>, and
    /// credentials as <c>--Twilio:AccountSid</c>, <c>--Twilio:AuthToken</c>, <c>--Vonage:ApiKey</c>,
    /// <c>--Vonage:ApiSecret</c>, <c>--Mailgun:ApiKey</c>, <c>--Mailgun:SigningKey</c> (or the same
    /// keys from the environment, <c>Twilio__AuthToken</c>...).
    /// </summary>
    public static async Task RunAsync(string[] args, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        var config = builder.Configuration;
        var defaults = new FakeOptions();
        var options = new FakeOptions
        {
            Url = config["urls"] ?? "http://127.0.0.1:5080",
            Seed = config.GetValue("Seed", defaults.Seed),
            TwilioAccountSid = config["Twilio:AccountSid"] ?? defaults.TwilioAccountSid,
            TwilioAuthToken = config["Twilio:AuthToken"] ?? defaults.TwilioAuthToken,
            VonageApiKey = config["Vonage:ApiKey"] ?? defaults.VonageApiKey,
            VonageApiSecret = config["Vonage:ApiSecret"] ?? defaults.VonageApiSecret,
            MailgunApiKey = config["Mailgun:ApiKey"] ?? defaults.MailgunApiKey,
            MailgunSigningKey = config["Mailgun:SigningKey"] ?? defaults.MailgunSigningKey,
        };
        builder.WebHost.UseUrls(options.Url);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        await using var fakes = new ProviderFakes(builder, options);
        await fakes._app.StartAsync(cancellationToken);
        await fakes._app.WaitForShutdownAsync(cancellationToken);
    }

    /// <summary>Forgets everything received and sent and restores every fake's initial behaviour.</summary>
    public void Reset()
    {
        foreach (var fake in All)
        {
            fake.Reset();
        }

        _mailgun.Reset();
    }

    public async ValueTask DisposeAsync()
    {
        await _receipts.DisposeAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
