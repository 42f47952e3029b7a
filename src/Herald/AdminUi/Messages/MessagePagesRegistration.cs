namespace Herald.AdminUi.Messages;

/// <summary>The message log and a notification's detail.</summary>
public static class MessagePagesRegistration
{
    public static IServiceCollection AddMessagePages(this IServiceCollection services)
    {
        services.AddSingleton<MessageLogQuery>();
        services.AddSingleton<NotificationDetailQuery>();
        return services;
    }
}
