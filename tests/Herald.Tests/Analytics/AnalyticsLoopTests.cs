using Herald.Analytics;
using Herald.Fakes;
using Herald.Notifications;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Analytics;

/// <summary>The fetch loops against the fake's events API, on a fake clock shared by Herald and the fake.</summary>
public sealed class AnalyticsLoopTests
{
    private static readonly DateTimeOffset Start = new(AnalyticsHarness.Start);

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_latest_loop_reads_new_events_and_the_bump_keeps_it_from_reading_them_again(DatabaseProvider provider)
    {
        var (fakes, h) = await StartAsync(provider);
        await using var _ = fakes;
        await using var __ = h;
        var id = await h.SentAsync();
        fakes.AddMailgunEvent("delivered", AnalyticsHarness.Reference(id), "ada@example.com", id.ToString(), Start.AddMinutes(-10));
        var loops = h.Herald.Services.GetRequiredService<AnalyticsLoops>();

        var first = await loops.RunCycleAsync(CancellationToken.None);
        Assert.Equal(1, Run(first, AnalyticsLoopNames.LatestOthers).Events);
        Assert.Equal(NotificationStatus.Delivered, await h.StatusAsync(id));
        Assert.Equal(AnalyticsHarness.Start.AddMinutes(-10).AddSeconds(1), Run(first, AnalyticsLoopNames.LatestOthers).Position);

        h.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await loops.RunCycleAsync(CancellationToken.None);
        Assert.Equal(0, Run(second, AnalyticsLoopNames.LatestOthers).Events);
        Assert.Equal(1, await h.CountAsync(c => c.AnalyticsEvents));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_event_stored_late_is_found_by_the_missing_loop(DatabaseProvider provider)
    {
        var (fakes, h) = await StartAsync(provider);
        await using var _ = fakes;
        await using var __ = h;
        var early = await h.SentAsync("early@example.com");
        var late = await h.SentAsync("late@example.com");
        fakes.AddMailgunEvent("delivered", AnalyticsHarness.Reference(early), "early@example.com", early.ToString(), Start.AddSeconds(-90));
        fakes.AddMailgunEvent("delivered", AnalyticsHarness.Reference(late), "late@example.com", late.ToString(), Start.AddMinutes(-5), storedAfter: TimeSpan.FromMinutes(25));
        var loops = h.Herald.Services.GetRequiredService<AnalyticsLoops>();

        await loops.RunCycleAsync(CancellationToken.None);
        Assert.Equal(NotificationStatus.Delivered, await h.StatusAsync(early));
        Assert.Equal(NotificationStatus.Sending, await h.StatusAsync(late));

        // Stored now, but the latest loop has moved past its time; the missing loop re-reads the stable window.
        h.Clock.Advance(TimeSpan.FromMinutes(40));
        var runs = await loops.RunCycleAsync(CancellationToken.None);
        Assert.Equal(0, Run(runs, AnalyticsLoopNames.LatestOthers).Events);
        Assert.Equal(2, Run(runs, AnalyticsLoopNames.Missing).Events);
        Assert.Equal(NotificationStatus.Delivered, await h.StatusAsync(late));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_cap_stops_a_run_without_losing_an_event_even_when_every_event_shares_one_timestamp(DatabaseProvider provider)
    {
        var (fakes, h) = await StartAsync(provider, new Dictionary<string, string?> { ["Analytics:MaxEventsPerCycle"] = "300" });
        await using var _ = fakes;
        await using var __ = h;
        var id = await h.SentAsync();
        for (var i = 0; i < 700; i++)
        {
            fakes.AddMailgunEvent("opened", AnalyticsHarness.Reference(id), "ada@example.com", id.ToString(), Start.AddMinutes(-10));
        }

        var loops = h.Herald.Services.GetRequiredService<AnalyticsLoops>();
        var first = Run(await loops.RunCycleAsync(CancellationToken.None), AnalyticsLoopNames.LatestOpened);
        Assert.True(first.HitCap);
        Assert.Equal(300, first.Events);

        // The position is that shared timestamp: the next run pages on past the cap until the position can move.
        var second = Run(await loops.RunCycleAsync(CancellationToken.None), AnalyticsLoopNames.LatestOpened);
        Assert.Equal(700, second.Events);
        Assert.Equal(700, (await h.StateAsync(id))!.OpenCount);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_scheduled_window_is_read_once_and_can_be_cancelled(DatabaseProvider provider)
    {
        var (fakes, h) = await StartAsync(provider);
        await using var _ = fakes;
        await using var __ = h;
        var id = await h.SentAsync();
        fakes.AddMailgunEvent("failed", AnalyticsHarness.Reference(id), "ada@example.com", id.ToString(), Start.AddDays(-1));
        var loops = h.Herald.Services.GetRequiredService<AnalyticsLoops>();
        var cancelled = await loops.ScheduleAsync("mailgun", AnalyticsHarness.Start.AddDays(-2), AnalyticsHarness.Start.AddHours(-12), CancellationToken.None);
        Assert.True(await loops.CancelAsync(cancelled, CancellationToken.None));
        Assert.Equal(0, Run(await loops.RunCycleAsync(CancellationToken.None), AnalyticsLoopNames.Scheduled).Events);
        Assert.Equal(NotificationStatus.Sending, await h.StatusAsync(id));

        await loops.ScheduleAsync("mailgun", AnalyticsHarness.Start.AddDays(-2), AnalyticsHarness.Start.AddHours(-12), CancellationToken.None);
        Assert.Equal(1, Run(await loops.RunCycleAsync(CancellationToken.None), AnalyticsLoopNames.Scheduled).Events);
        Assert.Equal(NotificationStatus.PermanentFailure, await h.StatusAsync(id));
        Assert.Null((await loops.ListAsync(CancellationToken.None)).Single(l => l.Loop == AnalyticsLoopNames.Scheduled).ScheduleId);
    }

    private static LoopRun Run(IReadOnlyList<LoopRun> runs, string loop) => runs.Single(r => r.Loop == loop);

    private static async Task<(ProviderFakes, AnalyticsHarness)> StartAsync(DatabaseProvider provider, Dictionary<string, string?>? settings = null)
    {
        var clock = new FakeTimeProvider(Start);
        var fakes = await ProviderFakes.StartAsync(new FakeOptions { MailgunApiKey = "key-123", MailgunSigningKey = "signing", Time = clock });
        var all = new Dictionary<string, string?>(settings ?? []) { ["Providers:Mailgun:BaseUrl"] = fakes.BaseUrl };
        return (fakes, await AnalyticsHarness.StartAsync(provider, all, clock));
    }
}
