using Herald.Notifications;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Api;

public sealed class GroupCommitIsolationTests
{
    /// <summary>
    /// Accepted notifications of many requests share one commit. A row the database refuses
    /// (here by a trigger, standing in for any row-level failure) fails its own request only:
    /// another service's sends in the same batches are committed and answered 201.
    /// </summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_row_the_database_refuses_fails_its_own_request_and_no_other(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var poisoned = await herald.CreateReadyServiceAsync();
        var healthy = await herald.CreateReadyServiceAsync();
        await using (var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            await context.Database.ExecuteSqlRawAsync(provider == DatabaseProvider.Sqlite
                ? "CREATE TRIGGER refuse_poison BEFORE INSERT ON notifications WHEN NEW.reference = 'poison' " +
                  "BEGIN SELECT RAISE(ABORT, 'poison refused by the test'); END"
                : "CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'poison refused by the test'; END $$; " +
                  "CREATE TRIGGER refuse_poison BEFORE INSERT ON notifications FOR EACH ROW WHEN (NEW.reference = 'poison') EXECUTE FUNCTION refuse_poison()");
        }

        var sends = Enumerable.Range(0, 400).Select(i => i % 10 == 0
            ? (Healthy: false, Response: herald.PostAsync(poisoned.Key, "/v2/notifications/email", Body(poisoned, "poison")))
            : (Healthy: true, Response: herald.PostAsync(healthy.Key, "/v2/notifications/email", Body(healthy, $"ok-{i}")))).ToList();
        await Task.WhenAll(sends.Select(s => s.Response));

        Assert.All(sends.Where(s => s.Healthy), s => Assert.Equal(201, (int)s.Response.Result.StatusCode));
        Assert.All(sends.Where(s => !s.Healthy), s => Assert.Equal(500, (int)s.Response.Result.StatusCode));
        await using var read = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        Assert.Equal(360, await read.Notifications.CountAsync(n => n.ServiceId == healthy.Id));
        Assert.Equal(0, await read.Notifications.CountAsync(n => n.ServiceId == poisoned.Id));
    }

    private static object Body(TestService service, string reference) => new
    {
        email_address = "ada@example.com",
        template_id = service.EmailTemplateId,
        personalisation = new { name = "Ada", code = "1" },
        reference,
    };
}
