using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Herald.Callbacks;
using Microsoft.Extensions.Options;
using Herald.Outbound;

namespace Herald.Pushers.Http;

/// <summary>
/// Pushes to a Matrix push gateway, strictly in order: unread notifying actions oldest first,
/// 20 at a time, each sent only after the one before succeeded (or was given up). A failure backs
/// off from 1 s, doubling to 1 h; after 24 h of failing the event in hand is parked (recorded,
/// logged, skipped) so a gateway that comes back is not flooded with stale notifications. A gateway
/// answering <c>rejected: [our pushkey]</c> removes the pusher. Receipts send a badge-only update
/// when the unread count changed and no notification is about to carry it. An event the gateway
/// refuses (a 4xx other than 408 and 429) or that cannot be built is parked after a few tries
/// (<see cref="InOrderRetry"/>).
/// </summary>
internal sealed class HttpPusherProcessor(
    PushActionQueries queries, PusherStore store, IHttpClientFactory httpClients, IOptions<PushersOptions> options, TimeProvider time,
    ILogger<HttpPusherProcessor> logger) : IPusherProcessor
{
    public const string HttpClientName = "pushers.http";
    public const int BatchSize = 20;

    // The last unread count each pusher's device was told, so receipts that change nothing send nothing.
    private readonly ConcurrentDictionary<Guid, int> _lastBadge = new();

    // Requests to gateways open at once (Pushers:MaxConcurrentPushes). A pusher waits for a
    // slot only while it has a request to make: a failing pusher backs off without one.
    private readonly SemaphoreSlim _calls = new(options.Value.MaxConcurrentPushes, options.Value.MaxConcurrentPushes);

    public string Kind => PusherKinds.Http;

    public async Task<PusherStep> RunAsync(PusherRun run, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var state = run.State as InOrderRetry ?? new InOrderRetry(settings.InitialBackoff);
        run.State = state;
        var pusher = run.Pusher;
        var receiptsChanged = run.TakeReceiptsChanged();

        // One grouped read for every step of a fan-out (PushActionQueries.PendingAsync): the latest
        // action and the badge are read before the unread actions, so an event committed in
        // between is an action to push (its notification carries the new count), never skipped by
        // moving up to the latest, nor part of a badge for a notification the device has not had.
        var pending = await queries.PendingAsync(pusher.Id, BatchSize, cancellationToken);
        var (latest, unread, actions) = (pending.Latest, pending.Unread, pending.Actions);
        if (actions.Count == 0)
        {
            // After receipts the device's badge may be stale; with a notification to send, that
            // carries the count instead.
            if (receiptsChanged)
            {
                await UpdateBadgeAsync(pusher, unread, cancellationToken);
            }

            // Whatever follows was read or does not notify: move past it so later checks start there.
            return latest is { } ordering && !await store.AdvanceAsync(run, ordering, delivered: false, cancellationToken)
                ? PusherStep.Stop
                : PusherStep.Idle;
        }

        foreach (var action in actions)
        {
            var (outcome, reason) = Build(pusher, action, unread) is { } payload
                ? await SendAsync(pusher, payload, cancellationToken)
                : (HttpPushOutcome.EventRefused, "the notification could not be built from the event");
            switch (outcome)
            {
                case HttpPushOutcome.Rejected:
                    Log.Rejected(logger, pusher.Id);
                    await store.RemoveAsync(pusher.Id, cancellationToken);
                    _lastBadge.TryRemove(pusher.Id, out _);
                    return PusherStep.Stop;
                case HttpPushOutcome.Refused:
                    Log.Disabled(logger, pusher.Id, reason);
                    await store.DisableAsync(pusher.Id, cancellationToken);
                    return PusherStep.Stop;
                case HttpPushOutcome.Delivered:
                    Log.Pushed(logger, pusher.Id, action.StreamOrdering);
                    state.Succeeded(settings.InitialBackoff);
                    _lastBadge[pusher.Id] = unread;

                    // The last of a short batch also moves past whatever else was read or does not
                    // notify: latest was read before the actions, so every unread notifying action
                    // up to it is in this batch.
                    var upTo = actions.Count < BatchSize && action == actions[^1] && latest is { } last ? Math.Max(last, action.StreamOrdering) : action.StreamOrdering;
                    if (!await store.AdvanceAsync(run, upTo, delivered: true, cancellationToken))
                    {
                        return PusherStep.Stop;
                    }

                    break;
                default:
                    var eventRefused = outcome == HttpPushOutcome.EventRefused;
                    if (await state.FailedAsync(run, action, reason, eventRefused, store, settings, time, logger, cancellationToken) is { } step)
                    {
                        return step;
                    }

                    break;
            }
        }

        // A short batch was everything unread when it was read: no second look. An event committed
        // since has woken the loop, which runs again before it lets the pusher go.
        return actions.Count < BatchSize ? PusherStep.Idle : PusherStep.Continue;
    }

    /// <summary>The notification for the event, or null when its stored content cannot make one (it is parked, not retried for ever).</summary>
    private JsonObject? Build(PusherRecord pusher, PushedAction action, int unread)
    {
        try
        {
            return HttpPusherPayloads.Notification(pusher, action, unread);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            Log.Unbuildable(logger, ex, pusher.Id, action.StreamOrdering, action.EventId);
            return null;
        }
    }

    private async Task UpdateBadgeAsync(PusherRecord pusher, int unread, CancellationToken cancellationToken)
    {
        if (_lastBadge.TryGetValue(pusher.Id, out var last) && last == unread)
        {
            return;
        }

        var (outcome, reason) = await SendAsync(pusher, HttpPusherPayloads.Badge(pusher, unread), cancellationToken);
        if (outcome is HttpPushOutcome.Delivered or HttpPushOutcome.Rejected)
        {
            // A rejected pushkey is dealt with at the next event push.
            _lastBadge[pusher.Id] = unread;
        }
        else
        {
            Log.BadgeFailed(logger, pusher.Id, unread, reason);
        }
    }

    /// <summary>
    /// Most of a gateway's answer read. An answer concerns the one device in the request, so a
    /// few dozen bytes in practice; the buffer stays under the large object heap's threshold.
    /// </summary>
    internal const int MaxAnswerBytes = 16 * 1024;

    private async Task<(HttpPushOutcome Outcome, string Reason)> SendAsync(PusherRecord pusher, JsonObject body, CancellationToken cancellationToken)
    {
        var url = JsonNode.Parse(pusher.Data)?["url"]?.GetValue<string>();
        if (url is null)
        {
            return (HttpPushOutcome.Refused, "data.url is missing");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        await _calls.WaitAsync(cancellationToken);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                var status = (int)response.StatusCode;
                return (status is >= 400 and < 500 and not 408 and not 429 ? HttpPushOutcome.EventRefused : HttpPushOutcome.Failed, $"HTTP {status}");
            }

            return await RejectsAsync(response, pusher.Pushkey, cancellationToken) ? (HttpPushOutcome.Rejected, "rejected") : (HttpPushOutcome.Delivered, "");
        }
        catch (HttpRequestException ex) when (ex.InnerException is OutboundRefusedException refused)
        {
            return (HttpPushOutcome.Refused, refused.Message);
        }
        catch (HttpRequestException ex)
        {
            return (HttpPushOutcome.Failed, ex.Message);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (HttpPushOutcome.Failed, "timed out");
        }
        finally
        {
            _calls.Release();
        }
    }

    /// <summary>
    /// Whether a 2xx answer's <c>rejected</c> list names the pushkey. The gateway is the user's
    /// choice, so at most <see cref="MaxAnswerBytes"/> of its answer are read, within the gateway
    /// timeout: a longer, slower or broken answer is no rejection (the 2xx already means delivered)
    /// and cannot fill Herald's memory or hold the pusher.
    /// </summary>
    private async Task<bool> RejectsAsync(HttpResponseMessage response, string pushkey, CancellationToken cancellationToken)
    {
        var answer = ArrayPool<byte>.Shared.Rent(MaxAnswerBytes + 1);
        try
        {
            var length = 0;
            using (var reading = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                reading.CancelAfter(options.Value.GatewayTimeout);
                try
                {
                    await using var stream = await response.Content.ReadAsStreamAsync(reading.Token);
                    int read;
                    while (length <= MaxAnswerBytes && (read = await stream.ReadAsync(answer.AsMemory(length, MaxAnswerBytes + 1 - length), reading.Token)) > 0)
                    {
                        length += read;
                    }
                }
                catch (Exception ex) when (ex is IOException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
                {
                    return false;
                }
            }

            if (length > MaxAnswerBytes)
            {
                return false;
            }

            using var document = JsonDocument.Parse(answer.AsMemory(0, length));
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("rejected", out var rejected)
                && rejected.ValueKind == JsonValueKind.Array
                && rejected.EnumerateArray().Any(r => r.ValueKind == JsonValueKind.String && r.GetString() == pushkey);
        }
        catch (JsonException)
        {
            // A 2xx without a JSON body still delivered.
            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(answer);
        }
    }
}
