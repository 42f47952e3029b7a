using System.Net;
using Herald.Hosting;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Hosting;

public sealed class HostTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Health_and_readiness_answer_once_serving(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = HeraldHost.Build(new Dictionary<string, string?> { ["Database"] = database.DatabaseArgument, ["Urls"] = "http://127.0.0.1:0" });
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        await app.StartAsync();
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            using var http = new HttpClient { BaseAddress = new Uri(address) };

            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
            var ready = await http.GetAsync(new Uri("/readyz", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        }
        finally
        {
            await app.StopAsync();
        }
    }

    [Fact]
    public async Task Version_prints_the_version()
    {
        var (exitCode, output) = await HeraldProcess.RunToEndAsync("version");

        Assert.Equal(0, exitCode);
        Assert.StartsWith("herald ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_refused_with_413_on_every_route()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var herald = await HeraldApp.StartAsync(database,
            settings: new Dictionary<string, string?> { ["Edge:WebhookBodyBytes"] = "10000", ["Edge:NotifyApiBodyBytes"] = "10000" });
        var service = await herald.CreateReadyServiceAsync();
        var body = $"{{\"x\": \"{new string('x', 20_000)}\"}}";

        // A provider webhook reads the body itself: the refusal reached the exception handler and was a 500.
        var webhook = await herald.Http.PostAsync(new Uri("/receipts/mailgun", UriKind.Relative), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(413, (int)webhook.StatusCode);

        var api = await herald.SendAsync(service.Key, HttpMethod.Post, "/v2/notifications/email", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await HeraldApp.ExpectErrorAsync(api, 413, "BadRequestError", "Request body too large. The max request body size is 10000 bytes.");
    }

    [Fact]
    public async Task A_bad_database_value_fails_with_a_clear_message()
    {
        var (exitCode, output) = await HeraldProcess.RunToEndAsync("migrate", "--database", "mysql://nowhere/db");

        Assert.Equal(2, exitCode);
        Assert.Contains("Configuration: Database must be sqlite:PATH", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_fails_with_a_clear_message()
    {
        // A port nothing listens on: PostgreSQL's client is refused at once.
        var listener = System.Net.Sockets.TcpListener.Create(0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var (exitCode, output) = await HeraldProcess.RunToEndAsync("migrate", "--database", $"postgres://herald@127.0.0.1:{port}/herald");

        Assert.Equal(1, exitCode);
        Assert.Contains("The database could not be used:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_role_is_refused()
    {
        var (exitCode, output) = await HeraldProcess.RunToEndAsync("serve", "--role", "everything");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("everything", output, StringComparison.Ordinal);
    }
}
