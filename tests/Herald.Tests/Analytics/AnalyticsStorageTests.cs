using Herald.Analytics;
using Herald.Callbacks;
using Herald.Notifications;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using static Herald.Analytics.AnalyticsEventTypes;

namespace Herald.Tests.Analytics;

/// <summary>
/// The storage rules, each fed its events in every order, each event in its own batch (as they
/// arrive from webhooks and loops at different times) and all in one batch.
/// </summary>
public sealed class AnalyticsStorageTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Each_provider_event_is_stored_once(DatabaseProvider provider)
    {
        await using var h = await AnalyticsHarness.StartAsync(provider);
        var id = await h.SentAsync();
        var opened = h.Event(id, Opened, 60);

        Assert.Equal(new StoredEvents(1, 0, 0), await h.StoreAsync(opened));
        Assert.Equal(new StoredEvents(0, 1, 0), await h.StoreAsync(opened));
        Assert.Equal(new StoredEvents(0, 2, 0), await h.StoreAsync(opened, opened));

        Assert.Equal(1, (await h.StateAsync(id))!.OpenCount);
        Assert.Equal(1, await h.CountAsync(c => c.AnalyticsEvents));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_permanent_failure_and_a_delivered_in_any_order_end_permanent_failure_with_one_callback(DatabaseProvider provider)
    {
        await using var h = await AnalyticsHarness.StartAsync(provider);
        var cases = new List<Guid>();
        foreach (var oneBatch in new[] { false, true })
        {
            foreach (var bounceFirst in new[] { false, true })
            {
                var id = await h.SentAsync($"bounce-{cases.Count}@example.com");
                cases.Add(id);
                ProviderEvent[] events = [h.Event(id, Delivered, 10), h.Event(id, Failed, 3600, code: "550", message: "mailbox does not exist")];
                if (bounceFirst)
                {
                    Array.Reverse(events);
                }

                await StoreAsync(h, events, oneBatch);
            }
        }

        foreach (var id in cases)
        {
            Assert.Equal(NotificationStatus.PermanentFailure, await h.StatusAsync(id));
            var state = (await h.StateAsync(id))!;
            Assert.Null(state.DeliveredAt);
            Assert.Equal(AnalyticsHarness.Start.AddSeconds(3600), state.PermanentFailureAt);
            Assert.Equal((Permanent, "550", "5.1.1", "mailbox does not exist"), (state.FailureSeverity, state.FailureCode, state.FailureEnhancedCode, state.FailureMessage));
        }

        // The service hears of the final status: once when the bounce came first, twice (delivered, then the bounce) otherwise.
        var callbacks = await h.CallbacksAsync();
        Assert.All(cases, id => Assert.Contains(id.ToString(), callbacks));
        Assert.All(await h.SuppressionsAsync(), s => Assert.Equal(SuppressionReasons.PermanentBounce, s.Reason));
        Assert.Equal(cases.Count, (await h.SuppressionsAsync()).Count);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_delivered_after_a_permanent_failure_is_ignored(DatabaseProvider provider)
    {
        await using var h = await AnalyticsHarness.StartAsync(provider);
        var id = await h.SentAsync();
        await h.StoreAsync(h.Event(id, Failed, 5));
        await h.StoreAsync(h.Event(id, Delivered, 10));

        Assert.Equal(NotificationStatus.PermanentFailure, await h.StatusAsync(id));
        Assert.Null((await h.StateAsync(id))!.DeliveredAt);
        Assert.Equal([id.ToString()], await h.CallbacksAsync());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Delivered_is_set_once_and_the_first_write_wins(DatabaseProvider provider)
    {
        await using var h = await AnalyticsHarness.StartAsync(provider);
        var id = await h.SentAsync();
        await h.StoreAsync(h.Event(id, Delivered, 20));
        await h.StoreAsync(h.Event(id, Delivered, 10));

        Assert.Equal(NotificationStatus.Delivered, await h.StatusAsync(id));
        Assert.Equal(AnalyticsHarness.Start.AddSeconds(20), (await h.StateAsync(id))!.DeliveredAt);
        Assert.Equal([id.ToString()], await h.CallbacksAsync());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_soft_bounce_keeps_the_notification_sending_and_a_later_delivered_decides(DatabaseProvider provider)
    {
        await using var h = await AnalyticsHarness.StartAsync(provider);
        var soft = await h.SentAsync("soft@example.com");
        await h.StoreAsync(h.Event(soft, Failed, 10, severity: Temporary, code: "452", message: "mailbox full"));

        Assert.Equal(NotificationStatus.Sending, await h.StatusAsync(soft));
        Assert.Equal((Temporary, "452"), ((await h.StateAsync(soft))!.FailureSeverity, (await h.StateAsync(soft))!.FailureCode));
        Assert.Empty(await h.CallbacksAsync());
        Assert.Empty(await h.SuppressionsAsync());

        await h.StoreAsync(h.Event(soft, Delivered, 600));
        Assert.Equal(NotificationStatus.Delivered, await h.StatusAsync(soft));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Failures_are_never_downgraded_and_an_older_one_never_replaces_a_newer_one(DatabaseProvider provider)
    {
        await using var h = await AnalyticsHarness.StartAsync(provider);
        var permanentCases = new List<Guid>();
        var temporaryCases = new List<Guid>();
        foreach (var oneBatch in new[] { false, true })
        {
            var template = new[] { (Temporary, 10, "421"), (Permanent, 20, "550"), (Temporary, 30, "452") };
            foreach (var order in AnalyticsHarness.Orders(template))
            {
                var id = await h.SentAsync($"p{permanentCases.Count}@example.com");
                permanentCases.Add(id);
                await StoreAsync(h, [.. order.Select(f => h.Event(id, Failed, f.Item2, severity: f.Item1, code: f.Item3))], oneBatch);
            }

            foreach (var order in AnalyticsHarness.Orders(new[] { (10, "421"), (30, "452") }))
            {
                var id = await h.SentAsync($"t{temporaryCases.Count}@example.com");
                temporaryCases.Add(id);
                await StoreAsync(h, [.. order.Select(f => h.Event(id, Failed, f.Item1, severity: Temporary, code: f.Item2))], oneBatch);
            }
        }

        foreach (var id in permanentCases)
        {
            var state = (await h.StateAsync(id))!;
            Assert.Equal((Permanent, "550", AnalyticsHarness.Start.AddSeconds(20)), (state.FailureSeverity, state.FailureCode, state.FailedAt));
            Assert.Equal(NotificationStatus.PermanentFailure, await h.StatusAsync(id));
        }

        foreach (var id in temporaryCases)
        {
            var state = (await h.StateAsync(id))!;
            Assert.Equal((Temporary, "452", AnalyticsHarness.Start.AddSeconds(30)), (state.FailureSeverity, state.FailureCode, state.FailedAt));
            Assert.Equal(NotificationStatus.Sending, await h.StatusAsync(id));
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_failure_message_is_kept_to_two_thousand_characters(DatabaseProvider provider)
    {
        await using var h = await AnalyticsHarness.StartAsync(provider);
        var id = await h.SentAsync();
        await h.StoreAsync(h.Event(id, Failed, 10, code: "550", message: new string('x', 5000)));

        Assert.Equal(2000, (await h.StateAsync(id))!.FailureMessage!.Length);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Opens_and_clicks_are_counted_with_first_and_last_times_and_never_change_the_status(DatabaseProvider provider)
    {
        await using var h = await AnalyticsHarness.StartAsync(provider);
        var ids = new List<Guid>();
        foreach (var order in AnalyticsHarness.Orders(new[] { (Opened, 100), (Opened, 300), (Clicked, 200), (Opened, 200) }))
        {
            var id = await h.SentAsync($"o{ids.Count}@example.com");
            ids.Add(id);
            await StoreAsync(h, [.. order.Select(e => h.Event(id, e.Item1, e.Item2))], oneBatch: ids.Count % 2 == 0);
        }

        foreach (var id in ids)
        {
            var state = (await h.StateAsync(id))!;
            Assert.Equal((3, AnalyticsHarness.Start.AddSeconds(100), AnalyticsHarness.Start.AddSeconds(300)), (state.OpenCount, state.FirstOpenedAt, state.LastOpenedAt));
            Assert.Equal((1, AnalyticsHarness.Start.AddSeconds(200), AnalyticsHarness.Start.AddSeconds(200)), (state.ClickCount, state.FirstClickedAt, state.LastClickedAt));
            Assert.Equal(NotificationStatus.Sending, await h.StatusAsync(id));
        }

        Assert.Empty(await h.CallbacksAsync());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_complaint_is_recorded_once_with_its_callback_and_suppresses_the_address(DatabaseProvider provider)
    {
        await using var h = await AnalyticsHarness.StartAsync(provider);
        var id = await h.SentAsync("angry@example.com");
        await h.StoreAsync(h.Event(id, Delivered, 10), h.Event(id, Complained, 100));
        await h.StoreAsync(h.Event(id, Complained, 200));

        Assert.Equal(NotificationStatus.Delivered, await h.StatusAsync(id));
        Assert.Equal(1, await h.CountAsync(c => c.Complaints.Where(x => x.NotificationId == id)));
        Assert.Equal(AnalyticsHarness.Start.AddSeconds(100), (await h.StateAsync(id))!.ComplainedAt);
        Assert.Single(await h.CallbacksAsync(), p => p.StartsWith("complaint:", StringComparison.Ordinal));
        var suppression = Assert.Single(await h.SuppressionsAsync());
        Assert.Equal(("angry@example.com", SuppressionReasons.Complained, id), (suppression.Address, suppression.Reason, suppression.NotificationId));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_unsubscribe_suppresses_the_address_for_that_service_only(DatabaseProvider provider)
    {
        await using var h = await AnalyticsHarness.StartAsync(provider);
        var id = await h.SentAsync("leaving@example.com");
        await h.StoreAsync(h.Event(id, Unsubscribed, 100));
        await h.StoreAsync(h.Event(id, Unsubscribed, 200));

        var suppression = Assert.Single(await h.SuppressionsAsync());
        Assert.Equal(("leaving@example.com", SuppressionReasons.Unsubscribed), (suppression.Address, suppression.Reason));
        Assert.Equal(AnalyticsHarness.Start.AddSeconds(100), (await h.StateAsync(id))!.UnsubscribedAt);
        Assert.Equal(NotificationStatus.Sending, await h.StatusAsync(id));
        var list = h.Herald.Services.GetRequiredService<SuppressionList>();
        Assert.Null(await list.FindAsync(Guid.NewGuid(), "leaving@example.com", CancellationToken.None));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Events_are_found_by_message_id_or_by_the_notification_id_variable_and_unknown_ones_are_counted_and_dropped(DatabaseProvider provider)
    {
        await using var h = await AnalyticsHarness.StartAsync(provider);
        var byReference = await h.SentAsync("a@example.com");
        var byVariable = await h.SentAsync("b@example.com");
        var referenceOnly = h.Event(byReference, Delivered, 10) with { NotificationId = null };
        var variableOnly = h.Event(byVariable, Delivered, 10) with { MessageId = null };
        var unknownReference = h.Event(Guid.NewGuid(), Delivered, 10) with { NotificationId = null };
        var unknownId = h.Event(Guid.NewGuid(), Opened, 10);

        Assert.Equal(new StoredEvents(2, 0, 2), await h.StoreAsync(referenceOnly, variableOnly, unknownReference, unknownId));

        Assert.Equal(NotificationStatus.Delivered, await h.StatusAsync(byReference));
        Assert.Equal(NotificationStatus.Delivered, await h.StatusAsync(byVariable));
        Assert.Equal(2, await h.CountAsync(c => c.AnalyticsEvents));
    }

    private static async Task StoreAsync(AnalyticsHarness h, ProviderEvent[] events, bool oneBatch)
    {
        if (oneBatch)
        {
            await h.StoreAsync(events);
            return;
        }

        foreach (var e in events)
        {
            await h.StoreAsync(e);
        }
    }
}
