namespace Herald.Providers;

/// <summary>The transport step every HTTP provider adapter shares.</summary>
internal static class ProviderHttp
{
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
