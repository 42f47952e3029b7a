using System.Data.Common;
using Herald.Storage;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Herald.Queue;

/// <summary>Wakes this process's workers once a transaction that enqueued items has committed.</summary>
internal sealed class QueueWakeInterceptor(QueueSignal signal) : DbTransactionInterceptor
{
    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Wake(eventData);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Wake(eventData);
        return Task.CompletedTask;
    }

    private void Wake(TransactionEndEventData eventData)
    {
        if (eventData.Context is HeraldDbContext { QueueWakePending: true } context)
        {
            context.QueueWakePending = false;
            signal.Committed();
        }
    }
}
