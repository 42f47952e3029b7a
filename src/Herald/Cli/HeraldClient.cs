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
        using var request = Request(method, path);
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

    /// <summary>
    /// Calls a route that answers one JSON document per line as it goes, handing each line on as it
    /// arrives; an error answer is printed as <see cref="SendAsync"/> prints it.
    /// </summary>
    public async Task<int> StreamLinesAsync(HttpMethod method, string path, Action<string> onLine, CancellationToken cancellationToken)
    {
        using var request = Request(method, path);
        _http.Timeout = Timeout.InfiniteTimeSpan;
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                await Console.Error.WriteLineAsync(Pretty(await response.Content.ReadAsStringAsync(cancellationToken)));
                return 1;
            }

            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length > 0)
                {
                    onLine(line);
                }
            }

            return 0;
        }
        catch (HttpRequestException ex)
        {
            await Console.Error.WriteLineAsync($"Could not reach Herald at {_http.BaseAddress}, or it stopped answering: {ex.Message}");
            return 1;
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"Herald stopped answering at {_http.BaseAddress}: {ex.Message}");
            return 1;
        }
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage Request(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path.TrimStart('/'));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }

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
