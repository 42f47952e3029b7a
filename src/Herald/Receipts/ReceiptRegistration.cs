using Herald.Queue;

namespace Herald.Receipts;

public static class ReceiptRegistration
{
    /// <summary>Processing of providers' receipts, inbound texts and complaints (each provider maps its own webhooks).</summary>
    public static IHostApplicationBuilder AddReceipts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddQueueHandler<ReceiptProcessor>();
        services.AddSingleton<InboundSmsRecorder>();
        services.AddSingleton<ComplaintRecorder>();
        services.AddQueueHandler<WebhookReplayGuard>();
        services.AddPeriodicTask(WebhookReplayGuard.Schedule);
        return builder;
    }
}
