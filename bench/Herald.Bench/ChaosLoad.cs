using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Herald.Cli;

namespace Herald.Bench;

/// <summary>
/// Sustained API load for a chaos run: at a steady rate, alternating email and SMS and the two
/// nodes. Each send carries a unique token in its personalisation, which the provider fakes see in
/// the message body, so a message is matched to its accepted notification (and counted if sent twice).
/// </summary>
internal sealed class ChaosLoad(IReadOnlyList<string> nodes, string key, Guid emailTemplateId, Guid smsTemplateId, int rate) : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    private readonly ConcurrentDictionary<string, Guid> _accepted = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _outcomes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _outcomesWhileDatabaseDown = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _serverErrors = new();
    private readonly ConcurrentDictionary<Task, byte> _running = new();
    private readonly CancellationTokenSource _stop = new();
    private volatile bool _databaseDown;
    private Task? _loop;
    private int _sequence;

    /// <summary>Accepted sends: token → notification id.</summary>
    public IReadOnlyDictionary<string, Guid> Accepted => _accepted;

    /// <summary>Every answer by kind: an HTTP status, or how the request failed without one.</summary>
    public IReadOnlyDictionary<string, int> Outcomes => _outcomes;

    /// <summary>The answers to requests made or answered while PostgreSQL was down.</summary>
    public IReadOnlyDictionary<string, int> OutcomesWhileDatabaseDown => _outcomesWhileDatabaseDown;

    /// <summary>The first few 500 bodies, to show what went wrong.</summary>
    public IReadOnlyCollection<string> ServerErrors => _serverErrors;

    public int Requests => Volatile.Read(ref _sequence);

    public bool DatabaseDown
    {
        set => _databaseDown = value;
    }

    public void Start() => _loop = Task.Run(PaceAsync);

    /// <summary>Stops sending and waits for the requests in flight.</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        await Task.WhenAll(_running.Keys);
    }

    private async Task PaceAsync()
    {
        var started = TimeProvider.System.GetTimestamp();
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                var due = (int)(TimeProvider.System.GetElapsedTime(started).TotalSeconds * rate);
                while (Volatile.Read(ref _sequence) < due)
                {
                    var n = Interlocked.Increment(ref _sequence);
                    var task = SendAsync(n);
                    _running[task] = 0;
                    _ = task.ContinueWith(t => _running.TryRemove(t, out _), TaskScheduler.Default);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task SendAsync(int n)
    {
        var token = $"chaos-{n.ToString("D7", CultureInfo.InvariantCulture)}";
        var email = n % 2 == 0;
        var node = nodes[(n / 2) % nodes.Count];
        object body = email
            ? new { email_address = "someone@chaos.example", template_id = emailTemplateId, personalisation = new { token } }
            : new { phone_number = "07700900123", template_id = smsTemplateId, personalisation = new { token } };
        var downAtStart = _databaseDown;
        string outcome;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"{node}/v2/notifications/{(email ? "email" : "sms")}") { Content = JsonContent.Create(body) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", NotifyTokenSigner.Sign(key, TimeProvider.System.GetUtcNow()));
            using var response = await _http.SendAsync(request);
            var status = (int)response.StatusCode;
            outcome = status.ToString(CultureInfo.InvariantCulture);
            var text = await response.Content.ReadAsStringAsync();
            if (status == 201)
            {
                _accepted[token] = JsonDocument.Parse(text).RootElement.GetProperty("id").GetGuid();
            }
            else if (status >= 500 && status != 503 && _serverErrors.Count < 5)
            {
                _serverErrors.Enqueue($"{status} from {node}: {text}");
            }
        }
        catch (HttpRequestException ex)
        {
            // A killed node: refused while it is down, reset if it died mid-request.
            outcome = ex.HttpRequestError == HttpRequestError.ConnectionError ? "connection refused or reset (node down)" : $"transport error ({ex.HttpRequestError})";
        }
        catch (TaskCanceledException)
        {
            outcome = "no answer in 10 s";
        }

        _outcomes.AddOrUpdate(outcome, 1, (_, c) => c + 1);
        if (downAtStart || _databaseDown)
        {
            _outcomesWhileDatabaseDown.AddOrUpdate(outcome, 1, (_, c) => c + 1);
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        _stop.Dispose();
        return ValueTask.CompletedTask;
    }
}
