using Herald.Queue;

namespace Herald.Delivery;

public static class DeliveryRegistration
{
    /// <summary>Delivery of queued notifications through the chosen provider instance, the test-key simulator and the stuck checks.</summary>
    public static IHostApplicationBuilder AddDelivery(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<DeliveryOptions>().BindConfiguration(DeliveryOptions.Section);
        services.AddSingleton<NotificationDelivery>();
        services.AddSingleton<OrphanedNotifications>();
        services.AddQueueHandler<EmailDeliveryHandler>();
        services.AddQueueHandler<SmsDeliveryHandler>();
        services.AddQueueHandler<SimulatedReceiptHandler>();
        services.AddQueueHandler<StuckNotificationsHandler>();
        services.AddPeriodicTask(StuckNotificationsHandler.Schedule);
        return builder;
    }
}
