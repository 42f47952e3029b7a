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
        using var content = body is null ? null : new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        if (await RequestAsync(method, path, content, cancellationToken) is not { } answer)
        {
            return 1;
        }

        var writer = answer.Ok ? Console.Out : Console.Error;
        await writer.WriteLineAsync(Pretty(answer.Text));
        return answer.Ok ? 0 : 1;
    }

    /// <summary>The answer's success and text, or null after saying Herald could not be reached.</summary>
    public async Task<(bool Ok, string Text)?> RequestAsync(HttpMethod method, string path, HttpContent? content, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        request.Content = content;
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"Could not reach Herald at {_http.BaseAddress}: {ex.Message}");
            return null;
        }

        using (response)
        {
            return (response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
        }
    }

    public void Dispose() => _http.Dispose();

    public static string Pretty(string text)
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
