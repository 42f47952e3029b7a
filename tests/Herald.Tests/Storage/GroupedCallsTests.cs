using Herald.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Storage;

public sealed class GroupedCallsTests
{
    [Fact]
    public async Task Calls_made_while_a_group_runs_share_the_next_group_and_each_gets_its_own_result()
    {
        var groups = new List<int[]>();
        var firstGroupMayFinish = new TaskCompletionSource();
        var calls = new GroupedCalls<int, string>(async requests =>
        {
            groups.Add([.. requests]);
            if (groups.Count == 1)
            {
                await firstGroupMayFinish.Task;
            }

            return [.. requests.Select(r => $"result {r}")];
        }, maxGroup: 10);

        var first = calls.CallAsync(1);
        var later = new[] { calls.CallAsync(2), calls.CallAsync(3), calls.CallAsync(4) };
        Assert.False(first.IsCompleted);
        firstGroupMayFinish.SetResult();

        Assert.Equal("result 1", await first);
        Assert.Equal(["result 2", "result 3", "result 4"], await Task.WhenAll(later));
        Assert.Equal([[1], [2, 3, 4]], groups);
    }

    [Fact]
    public async Task A_group_is_never_larger_than_the_limit()
    {
        var groups = new List<int>();
        var firstGroupMayFinish = new TaskCompletionSource();
        var calls = new GroupedCalls<int, int>(async requests =>
        {
            groups.Add(requests.Count);
            if (groups.Count == 1)
            {
                await firstGroupMayFinish.Task;
            }

            return requests;
        }, maxGroup: 3);

        var all = Enumerable.Range(0, 8).Select(calls.CallAsync).ToList();
        firstGroupMayFinish.SetResult();

        Assert.Equal(Enumerable.Range(0, 8), await Task.WhenAll(all));
        Assert.Equal([1, 3, 3, 1], groups);
    }

    [Fact]
    public async Task A_failed_group_fails_each_of_its_calls_and_the_next_group_still_runs()
    {
        var firstGroupMayFinish = new TaskCompletionSource();
        var runs = 0;
        var calls = new GroupedCalls<int, int>(async requests =>
        {
            if (++runs == 1)
            {
                await firstGroupMayFinish.Task;
                return requests;
            }

            if (runs == 2)
            {
                throw new InvalidOperationException("database unavailable");
            }

            return requests;
        }, maxGroup: 10);

        var first = calls.CallAsync(1);
        var failing = new[] { calls.CallAsync(2), calls.CallAsync(3) };
        firstGroupMayFinish.SetResult();
        await first;

        foreach (var call in failing)
        {
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => call);
            Assert.Equal("database unavailable", error.Message);
        }

        Assert.Equal(4, await calls.CallAsync(4));
    }

    [Fact]
    public async Task Under_load_a_group_waits_the_gather_time_for_more_calls()
    {
        var clock = new FakeTimeProvider();
        var groups = new List<int[]>();
        var firstGroupMayFinish = new TaskCompletionSource();
        var calls = new GroupedCalls<int, int>(async requests =>
        {
            groups.Add([.. requests]);
            if (groups.Count == 1)
            {
                await firstGroupMayFinish.Task;
            }

            return requests;
        }, maxGroup: 10, gather: TimeSpan.FromMilliseconds(2), gatherClock: clock);

        var first = calls.CallAsync(1);
        var waiting = new List<Task<int>> { calls.CallAsync(2), calls.CallAsync(3) };
        firstGroupMayFinish.SetResult();
        await first;

        // Two calls were waiting as the next group started: it gathers until the clock moves on.
        waiting.Add(calls.CallAsync(4));
        Assert.DoesNotContain(waiting, call => call.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(2));

        var results = await Task.WhenAll(waiting).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([2, 3, 4], results);
        Assert.Equal([[1], [2, 3, 4]], groups);
    }

    [Fact]
    public async Task A_call_on_its_own_runs_without_waiting_for_the_gather_time()
    {
        var calls = new GroupedCalls<int, int>(requests => Task.FromResult(requests), maxGroup: 10,
            gather: TimeSpan.FromMinutes(5), gatherClock: new FakeTimeProvider());

        // The fake clock never moves: only a call that does not gather can finish.
        Assert.Equal(7, await calls.CallAsync(7).WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(8, await calls.CallAsync(8).WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
