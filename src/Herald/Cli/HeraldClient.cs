using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Herald.Cli;

/// <summary>Calls a running Herald's admin or public API for the client verbs, printing the JSON answer.</summary>
internal sealed class HeraldClient(string baseUrl, string bearer) : IDisposable
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly HttpClient _http = new() { BaseAddress = new Uri(baseUrl.TrimEnd('/') + "/") };

    public async Task<int> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"Could not reach Herald at {_http.BaseAddress}: {ex.Message}");
            return 1;
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var writer = response.IsSuccessStatusCode ? Console.Out : Console.Error;
            await writer.WriteLineAsync(Pretty(text));
            return response.IsSuccessStatusCode ? 0 : 1;
        }
    }

    public void Dispose() => _http.Dispose();

    private static string Pretty(string text)
    {
        try
        {
            return JsonNode.Parse(text)?.ToJsonString(Indented) ?? text;
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
