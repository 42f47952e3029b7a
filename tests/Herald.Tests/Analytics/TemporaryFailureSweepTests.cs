using Herald.Analytics;
using Herald.Notifications;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static Herald.Analytics.AnalyticsEventTypes;

namespace Herald.Tests.Analytics;

public sealed class TemporaryFailureSweepTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_soft_bounce_with_nothing_final_for_eight_hours_ends_temporary_failure(DatabaseProvider provider)
    {
        await using var h = await AnalyticsHarness.StartAsync(provider);
        var abandoned = await h.SentAsync("abandoned@example.com");
        var retried = await h.SentAsync("retried@example.com");
        var recent = await h.SentAsync("recent@example.com");
        await h.StoreAsync(h.Event(abandoned, Failed, 0, severity: Temporary, code: "452"));
        await h.StoreAsync(h.Event(retried, Failed, 0, severity: Temporary), h.Event(retried, Delivered, 3600));
        await h.StoreAsync(h.Event(recent, Failed, 0, severity: Temporary), h.Event(recent, Failed, 3 * 3600, severity: Temporary));
        var sweep = h.Herald.Services.GetRequiredService<TemporaryFailureSweep>();

        h.Clock.Advance(TimeSpan.FromHours(7));
        Assert.Equal(0, await sweep.SweepAsync(CancellationToken.None));
        Assert.Equal(NotificationStatus.Sending, await h.StatusAsync(abandoned));

        h.Clock.Advance(TimeSpan.FromHours(1));
        Assert.Equal(1, await sweep.SweepAsync(CancellationToken.None));

        Assert.Equal(NotificationStatus.TemporaryFailure, await h.StatusAsync(abandoned));
        Assert.Equal(NotificationStatus.Delivered, await h.StatusAsync(retried));
        Assert.Equal(NotificationStatus.Sending, await h.StatusAsync(recent));
        Assert.Contains(abandoned.ToString(), await h.CallbacksAsync());

        // A delivered that comes after the window closed changes nothing: the status is final.
        await h.StoreAsync(h.Event(abandoned, Delivered, 9 * 3600));
        Assert.Equal(NotificationStatus.TemporaryFailure, await h.StatusAsync(abandoned));
    }
}
