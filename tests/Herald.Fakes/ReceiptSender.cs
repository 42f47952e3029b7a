using Microsoft.Extensions.Logging;

namespace Herald.Fakes;

/// <summary>
/// Sends each accepted message's receipts after the behaviour's delay, in order (or latest first),
/// each as many times as asked, plus a stray receipt for an unknown reference when asked. One
/// message's receipts go one after another, so their arrival order is the order sent.
/// </summary>
internal sealed class ReceiptSender(TimeProvider time, ILogger<ReceiptSender> logger) : IAsyncDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(2) }) { Timeout = TimeSpan.FromSeconds(10) };
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _lock = new();
    private readonly HashSet<Task> _running = [];

    public void Schedule(ProviderFake fake, IReceiptFormat format, FakeMessage message, FakeBehaviour behaviour)
    {
        if (!behaviour.SendReceipts)
        {
            // Nothing to send: the message reaches its statuses at once (no timer per message, for benchmarks).
            Reach(format, message, behaviour);
            return;
        }

        fake.ReceiptsStarted();
        var task = Task.Run(() => SendAsync(fake, format, message, behaviour, _stopping.Token));
        lock (_lock)
        {
            _running.Add(task);
        }

        task.ContinueWith(t =>
        {
            lock (_lock)
            {
                _running.Remove(t);
            }
        }, TaskScheduler.Default);
    }

    private async Task SendAsync(ProviderFake fake, IReceiptFormat format, FakeMessage message, FakeBehaviour behaviour, CancellationToken cancellationToken)
    {
        try
        {
            if (behaviour.ReceiptDelay > TimeSpan.Zero)
            {
                await Task.Delay(behaviour.ReceiptDelay, time, cancellationToken);
            }

            var statuses = Reach(format, message, behaviour);
            if ((message.CallbackUrl ?? behaviour.ReceiptUrl) is not { } url)
            {
                return;
            }

            foreach (var status in behaviour.ReorderReceipts ? statuses.Reverse() : statuses)
            {
                for (var copy = 0; copy < Math.Max(1, behaviour.ReceiptCopies); copy++)
                {
                    await PostAsync(fake, format, message, status, message.Id, url, false, cancellationToken);
                }
            }

            if (behaviour.UnknownReferenceReceipts)
            {
                await PostAsync(fake, format, message, statuses[^1], $"{message.Id}-unknown", url, true, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            Log.ReceiptsFailed(logger, fake.Name, message.Id, ex);
        }
        finally
        {
            fake.ReceiptsFinished();
        }
    }

    private static IReadOnlyList<string> Reach(IReceiptFormat format, FakeMessage message, FakeBehaviour behaviour)
    {
        var statuses = format.Statuses(behaviour.FinalStatusFor(message));
        foreach (var status in statuses)
        {
            message.Status = status;
            format.Reached(message, status);
        }

        return statuses;
    }

    /// <summary>
    /// Credentials in a webhook URL (<c>https://user:password@host/...</c>) are sent as HTTP Basic
    /// authentication, as providers that support them do.
    /// </summary>
    private static void MoveCredentialsToHeader(HttpRequestMessage request)
    {
        if (request.RequestUri is not { UserInfo.Length: > 0 } uri)
        {
            return;
        }

        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Uri.UnescapeDataString(uri.UserInfo))));
        request.RequestUri = new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
    }

    private async Task PostAsync(ProviderFake fake, IReceiptFormat format, FakeMessage message, string status, string reference, string url, bool unknown, CancellationToken cancellationToken)
    {
        int? code = null;
        string? error = null;
        try
        {
            using var request = format.Build(message, status, reference, url);
            MoveCredentialsToHeader(request);
            using var response = await _http.SendAsync(request, cancellationToken);
            code = (int)response.StatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            error = ex.Message;
            Log.ReceiptUnanswered(logger, fake.Name, url, ex.Message);
        }

        fake.Sent(new FakeReceipt(fake.Name, reference, status, url, unknown, code, error, time.GetUtcNow()));
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        Task[] running;
        lock (_lock)
        {
            running = [.. _running];
        }

        await Task.WhenAll(running);
        _http.Dispose();
        _stopping.Dispose();
    }
}
