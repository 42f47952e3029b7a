using System.Net;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Npgsql;

namespace Herald.Tests.Api;

/// <summary>
/// PostgreSQL going down under a running Herald (here: the connection cut by a relay). A SQLite
/// file has no server to lose, so these run on PostgreSQL only.
/// </summary>
public sealed class DatabaseOutageTests
{
    [Fact]
    public async Task Sends_and_reads_while_the_database_is_down_are_answered_503_in_Notifys_format_and_succeed_again_after()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        var direct = new NpgsqlConnectionStringBuilder(database.Target.ConnectionString);
        await using var relay = new TcpRelay(direct.Host!, direct.Port);
        var relayed = new NpgsqlConnectionStringBuilder(database.Target.ConnectionString) { Host = "127.0.0.1", Port = relay.Port };
        var logs = new CapturedLogs();
        await using var herald = await HeraldApp.StartAsync(database, settings: new Dictionary<string, string?> { ["Database"] = relayed.ConnectionString }, logs: logs);
        var service = await herald.CreateReadyServiceAsync();
        var sent = await herald.SendEmailAsync(service, "ada@example.com");
        var id = sent.GetProperty("id").GetGuid();

        relay.Cut();
        var send = await herald.PostAsync(service.Key, "/v2/notifications/email", new { email_address = "ada@example.com", template_id = service.EmailTemplateId, personalisation = new { name = "Ada", code = "1" } });
        Assert.NotNull(send.Headers.RetryAfter);
        await HeraldApp.ExpectErrorAsync(send, 503, "ServiceUnavailableError", "The database is unavailable; try again shortly");
        await HeraldApp.ExpectErrorAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{id}"), 503, "ServiceUnavailableError", "The database is unavailable; try again shortly");

        // An expected outage is a warning line, not an error with a stack per request.
        Assert.Contains(logs.Lines, l => l.Contains("the database is unavailable", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("answered 500", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.WithExceptions, e => e.Exception is not null && e.Line.Contains("answered", StringComparison.OrdinalIgnoreCase));

        relay.Resume();
        await Eventually.TrueAsync(async () =>
            (await herald.PostAsync(service.Key, "/v2/notifications/email", new { email_address = "ada@example.com", template_id = service.EmailTemplateId, personalisation = new { name = "Ada", code = "2" } }))
                .StatusCode == HttpStatusCode.Created,
            "sends are accepted again once the database is back");
    }
}
