using System.Net.Http.Json;
using Herald.Notifications;
using Herald.Providers.Instances;
using Herald.Providers.Switching;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Herald.Settings;

namespace Herald.Tests.Providers;

public sealed class ProviderSwitchingTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_slow_provider_loses_weight_without_flapping_and_drifts_back_when_all_is_quiet(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        var (herald, clock, switcher) = (setup.Herald, setup.Clock, setup.Switcher);

        // 3 of slow's 10 recent notifications are slow (30%): 2 still sending after 5 minutes, 1 delivered after 4; none of fast's.
        await SentAsync(setup, "slow", 7, NotificationStatus.Delivered, sentAgo: TimeSpan.FromMinutes(8), tookMinutes: 1);
        await SentAsync(setup, "slow", 2, NotificationStatus.Sending, sentAgo: TimeSpan.FromMinutes(5));
        await SentAsync(setup, "slow", 1, NotificationStatus.Delivered, sentAgo: TimeSpan.FromMinutes(9), tookMinutes: 4);
        await SentAsync(setup, "fast", 10, NotificationStatus.Delivered, sentAgo: TimeSpan.FromMinutes(3), tookMinutes: 3.9);
        Assert.Null(await switcher.ShiftAsync("sms", CancellationToken.None)); // inside the guard window after the providers were set up

        clock.Advance(TimeSpan.FromMinutes(5));
        await SentAsync(setup, "slow", 7, NotificationStatus.Delivered, sentAgo: TimeSpan.FromMinutes(2), tookMinutes: 1);
        await SentAsync(setup, "slow", 3, NotificationStatus.Sending, sentAgo: TimeSpan.FromMinutes(4));
        var reason = await switcher.ShiftAsync("sms", CancellationToken.None);

        Assert.NotNull(reason);
        Assert.Contains("10 points from slow to fast", reason, StringComparison.Ordinal);
        Assert.Equal((70, 30), await WeightsAsync(setup));
        var version = await LatestVersionAsync(setup, "slow");
        Assert.Equal(("automatic", ProviderChangeKinds.SlowDelivery), (version.ChangedBy, version.Kind));

        // Still slow, but inside the 5-minute guard window: nothing moves.
        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Null(await switcher.ShiftAsync("sms", CancellationToken.None));
        Assert.Equal((70, 30), await WeightsAsync(setup));

        // Once the guard window is over, a provider still slow loses another step.
        clock.Advance(TimeSpan.FromMinutes(1));
        await SentAsync(setup, "slow", 10, NotificationStatus.Sending, sentAgo: TimeSpan.FromMinutes(5));
        Assert.NotNull(await switcher.ShiftAsync("sms", CancellationToken.None));
        Assert.Equal((60, 40), await WeightsAsync(setup));

        // Quiet for less than 15 minutes: no drift; then one step every run back to the resting weights.
        clock.Advance(TimeSpan.FromMinutes(14));
        Assert.False(await switcher.DriftAsync("sms", CancellationToken.None));
        clock.Advance(TimeSpan.FromMinutes(1));
        Assert.True(await switcher.DriftAsync("sms", CancellationToken.None));
        Assert.Equal((70, 30), await WeightsAsync(setup));
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.True(await switcher.DriftAsync("sms", CancellationToken.None));
        Assert.Equal((80, 20), await WeightsAsync(setup));
        Assert.Equal(ProviderChangeKinds.Drift, (await LatestVersionAsync(setup, "fast")).Kind);
        Assert.Null(await switcher.ShiftAsync("sms", CancellationToken.None)); // nothing recent is slow any more
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(await switcher.DriftAsync("sms", CancellationToken.None)); // at rest
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task When_every_provider_is_slow_nothing_moves(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        setup.Clock.Advance(TimeSpan.FromMinutes(10));
        await SentAsync(setup, "slow", 10, NotificationStatus.Sending, sentAgo: TimeSpan.FromMinutes(5));
        await SentAsync(setup, "fast", 10, NotificationStatus.Delivered, sentAgo: TimeSpan.FromMinutes(9), tookMinutes: 5);

        // Moving weight to another slow provider helps no one (the trouble is likely downstream of both).
        Assert.Null(await setup.Switcher.ShiftAsync("sms", CancellationToken.None));
        Assert.Equal((80, 20), await WeightsAsync(setup));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_manual_change_starts_the_guard_window_too(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        setup.Clock.Advance(TimeSpan.FromMinutes(10));
        await setup.Herald.Admin.PutAsJsonAsync($"/admin/api/providers/{setup.Fast}", new { priority = 25, reason = "contract renegotiated" });
        await SentAsync(setup, "slow", 20, NotificationStatus.Sending, sentAgo: TimeSpan.FromMinutes(5));

        setup.Clock.Advance(TimeSpan.FromMinutes(4));
        Assert.Null(await setup.Switcher.ShiftAsync("sms", CancellationToken.None));
        setup.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(await setup.Switcher.ShiftAsync("sms", CancellationToken.None));
        Assert.Equal((70, 35), await WeightsAsync(setup));

        // Drift starts from the last manual or automatic shift, and goes to the manual resting weight.
        setup.Clock.Advance(TimeSpan.FromMinutes(15));
        Assert.True(await setup.Switcher.DriftAsync("sms", CancellationToken.None));
        Assert.Equal((80, 25), await WeightsAsync(setup));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Many_errors_in_a_minute_move_weight_with_a_one_minute_guard(DatabaseProvider provider)
    {
        await using var setup = await SetUpAsync(provider);
        var counter = setup.Herald.Services.GetRequiredService<ProviderErrorCounter>();
        setup.Clock.Advance(TimeSpan.FromMinutes(1));
        var slowId = await IdAsync(setup, "slow");
        for (var i = 0; i < 50; i++)
        {
            counter.Record(slowId);
        }

        await counter.FlushAsync(CancellationToken.None);
        Assert.Null(await setup.Switcher.ShiftAsync("sms", CancellationToken.None)); // 50 is not more than 50

        counter.Record(slowId);
        await counter.FlushAsync(CancellationToken.None);
        Assert.Contains("failed 51 calls", await setup.Switcher.ShiftAsync("sms", CancellationToken.None), StringComparison.Ordinal);
        Assert.Equal((70, 30), await WeightsAsync(setup));
        Assert.Equal(ProviderChangeKinds.ErrorRate, (await LatestVersionAsync(setup, "slow")).Kind);

        setup.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Null(await setup.Switcher.ShiftAsync("sms", CancellationToken.None));

        // A minute on, those errors are too old to count.
        setup.Clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Null(await setup.Switcher.ShiftAsync("sms", CancellationToken.None));
        Assert.Equal((70, 30), await WeightsAsync(setup));
    }

    private static async Task<Setup> SetUpAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 7, 10, 12, 0, 0, TimeSpan.Zero));
        var herald = await HeraldApp.StartAsync(database, clock, HeraldRole.Api);
        var slow = await ProviderSelectionTests.CreateAsync(herald, "slow", 80);
        var fast = await ProviderSelectionTests.CreateAsync(herald, "fast", 20);
        var service = await herald.CreateReadyServiceAsync();
        var switcher = herald.Services.GetRequiredService<ProviderSwitcher>();
        return new Setup(database, herald, clock, switcher, service, slow, fast);
    }

    /// <summary>Notifications sent by a provider some time ago, as receipts left them.</summary>
    private static async Task SentAsync(Setup setup, string providerName, int count, string status, TimeSpan sentAgo, double tookMinutes = 0)
    {
        var now = setup.Clock.GetUtcNow().UtcDateTime;
        for (var i = 0; i < count; i++)
        {
            var id = Guid.Parse((await setup.Herald.SendSmsAsync(setup.Service, "07700900123")).GetProperty("id").GetString()!);
            await using var context = setup.Herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
            DateTime? completed = status == NotificationStatus.Delivered ? now - sentAgo + TimeSpan.FromMinutes(tookMinutes) : null;
            await context.Notifications.Where(n => n.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(n => n.Status, status).SetProperty(n => n.ProviderName, providerName)
                .SetProperty(n => n.SentAt, now - sentAgo).SetProperty(n => n.CompletedAt, completed));
        }
    }

    private static async Task<(int Slow, int Fast)> WeightsAsync(Setup setup)
    {
        await using var context = setup.Herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        var weights = await context.ProviderInstances.ToDictionaryAsync(p => p.Name, p => p.Priority);
        return (weights["slow"], weights["fast"]);
    }

    private static async Task<Guid> IdAsync(Setup setup, string name)
    {
        await using var context = setup.Herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.ProviderInstances.Where(p => p.Name == name).Select(p => p.Id).SingleAsync();
    }

    private static async Task<ProviderInstanceVersionRecord> LatestVersionAsync(Setup setup, string name)
    {
        var id = await IdAsync(setup, name);
        await using var context = setup.Herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.ProviderInstanceVersions.Where(v => v.ProviderId == id).OrderByDescending(v => v.Version).FirstAsync();
    }

    private sealed record Setup(TestDatabase Database, HeraldApp Herald, FakeTimeProvider Clock, ProviderSwitcher Switcher, TestService Service, string Slow, string Fast) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Herald.DisposeAsync();
            await Database.DisposeAsync();
        }
    }
}
