namespace Herald.Search;

public static class SearchRegistration
{
    /// <summary>Search by recipient or reference over trigram indexes.</summary>
    public static IHostApplicationBuilder AddSearch(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<NotificationSearch>();
        return builder;
    }
}
