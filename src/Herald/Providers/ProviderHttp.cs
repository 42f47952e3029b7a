namespace Herald.Providers;

/// <summary>The transport step every HTTP provider adapter shares.</summary>
internal static class ProviderHttp
{
    /// <summary>
    /// Registers a provider API's named client. A provider API does not redirect (a redirected POST
    /// would come back as a GET), and Herald logs every call itself with the notification id, so
    /// the client factory's two logging handlers (a scope and two log calls per request, at SMS
    /// rates a few per cent of a worker's CPU) are left out. Connections are renewed every few
    /// minutes instead of the whole handler, so a provider's DNS change is followed.
    /// </summary>
    public static void AddClient(IServiceCollection services, string name, TimeSpan timeout) =>
        services.AddHttpClient(name, client => client.Timeout = timeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers();

    /// <summary>Sends the request; a connection failure or timeout is a retryable provider failure.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string provider, CancellationToken cancellationToken)
    {
        try
        {
            return await client.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new ProviderException(ProviderFailureKind.Retryable, $"{provider} unreachable: {ex.Message}", ex);
        }
    }
}
