using Herald.Storage;
using Microsoft.EntityFrameworkCore;

namespace Herald.Receipts;

internal sealed class ReceiptsModelConfiguration : IModelConfiguration
{
    public void Configure(ModelBuilder model)
    {
        model.Entity<WebhookNonceRecord>(e =>
        {
            e.ToTable("webhook_nonces");
            e.HasKey(x => new { x.Provider, x.Nonce });
            e.Property(x => x.Provider).HasMaxLength(50);
            e.Property(x => x.Nonce).HasMaxLength(WebhookReplayGuard.MaxNonceLength);
            e.HasIndex(x => x.ReceivedAt);
        });
    }
}
