using Herald.Queue;
using Herald.Receipts;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Receipts;

public sealed class WebhookNoncePurgeTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_periodic_purge_deletes_only_tokens_whose_replays_the_timestamp_check_refuses_anyway(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, clock, HeraldRole.Api);
        var guard = herald.Services.GetServices<IQueueHandler>().OfType<WebhookReplayGuard>().Single();
        var db = herald.Services.GetRequiredService<HeraldDatabase>();

        await UseAsync(db, guard, "old");
        clock.Advance(TimeSpan.FromMinutes(20));
        await UseAsync(db, guard, "recent");
        clock.Advance(TimeSpan.FromMinutes(11));

        await guard.HandleAsync(new QueueItem(1, WebhookReplayGuard.KindName, "{}", 1, 0, null, clock.GetUtcNow()), CancellationToken.None);

        await using var context = db.CreateContext();
        Assert.Equal(["recent"], await context.Set<WebhookNonceRecord>().Select(n => n.Nonce).ToListAsync());

        // Still a replay while it is kept.
        await using var again = db.CreateContext();
        Assert.False(await guard.TryUseAsync(again, "mailgun", "recent", CancellationToken.None));
    }

    private static async Task UseAsync(HeraldDatabase database, WebhookReplayGuard guard, string nonce)
    {
        await using var context = database.CreateContext();
        Assert.True(await guard.TryUseAsync(context, "mailgun", nonce, CancellationToken.None));
    }
}
