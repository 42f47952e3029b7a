using Herald.Queue;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Storage;

public sealed class SqliteWriteGateTests
{
    [Fact]
    public async Task A_context_disposed_mid_transaction_does_not_keep_the_writer_gate()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var queue = await QueueHarness.CreateAsync(database);

        await using (var abandoned = queue.Database.CreateContext())
        {
            await abandoned.Database.BeginTransactionAsync();
            await queue.Writer.EnqueueAsync(abandoned, new NewQueueItem(RecordingHandler.KindName, "rolled back by dispose"), CancellationToken.None);
        }

        // Would wait forever if the abandoned transaction still held the gate.
        var written = queue.EnqueueAsync(new NewQueueItem(RecordingHandler.KindName, "after"));
        Assert.Same(written, await Task.WhenAny(written, Task.Delay(TimeSpan.FromSeconds(10))));
        Assert.Equal(["after"], (await queue.ItemsAsync()).Select(i => i.Payload));
    }
}
