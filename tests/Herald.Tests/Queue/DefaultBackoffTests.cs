using Herald.Queue;
using Microsoft.Extensions.Options;

namespace Herald.Tests.Queue;

/// <summary>The retry schedules a deployment gets without configuring any (the delivery spec's).</summary>
public sealed class DefaultBackoffTests
{
    private static readonly BackoffPolicy Defaults = new(Options.Create(new QueueOptions()));

    [Theory]
    [InlineData("delivery.email")]
    [InlineData("delivery.sms")]
    public void Deliveries_retry_once_at_once_then_48_times_five_minutes_apart(string kind)
    {
        var schedule = Defaults.For(kind);

        Assert.Equal(50, schedule.MaxAttempts);
        Assert.Equal(TimeSpan.Zero, schedule.Delays[0]);
        Assert.All(schedule.Delays.Skip(1), d => Assert.Equal(TimeSpan.FromMinutes(5), d));
        Assert.Equal(TimeSpan.FromMinutes(240), schedule.Delays.Aggregate(TimeSpan.Zero, (a, b) => a + b));
    }

    [Theory]
    [InlineData("callbacks.deliver")]
    [InlineData("receipts.process")]
    [InlineData("anything.else")]
    public void Callbacks_receipts_and_other_kinds_retry_five_times_five_minutes_apart(string kind)
    {
        var schedule = Defaults.For(kind);

        Assert.Equal(6, schedule.MaxAttempts);
        Assert.All(schedule.Delays, d => Assert.Equal(TimeSpan.FromMinutes(5), d));
    }
}
