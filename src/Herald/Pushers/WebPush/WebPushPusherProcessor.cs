using System.Text;
using System.Text.Json.Nodes;
using Herald.Pushers.Http;
using Microsoft.Extensions.Options;

namespace Herald.Pushers.WebPush;

/// <summary>
/// Pushes to a browser's push service in order, like the HTTP pusher: unread notifying actions
/// oldest first, each encrypted for the subscription (RFC 8291) and sent only after the one
/// before was accepted. 404/410 removes the pusher (the browser unsubscribed); another refusal
/// skips that notification; 429, 5xx and transport failures back off from 1 s doubling to 1 h
/// and give the notification up after 24 hours of failing. The payload is the push gateway
/// notification without its devices (they would hand the subscription back to the browser).
/// </summary>
internal sealed partial class WebPushPusherProcessor(
    PushActionQueries queries, PusherStore store, WebPushSender sender, IOptions<PushersOptions> options, TimeProvider time,
    ILogger<WebPushPusherProcessor> logger) : IPusherProcessor
{
    public string Kind => PusherKinds.WebPush;

    public async Task<PusherStep> RunAsync(PusherRun run, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var state = run.State as InOrderRetry ?? new InOrderRetry(settings.InitialBackoff);
        run.State = state;
        var pusher = run.Pusher;
        run.TakeReceiptsChanged();

        // Read before the unread notifications: an event committed in between lies beyond it, so moving
        // up to it can never skip a notification nobody has fetched yet.
        var latest = await queries.LatestActionAfterAsync(pusher.ServiceId, pusher.UserId, pusher.LastStreamOrdering, cancellationToken);
        var actions = await queries.UnreadAfterAsync(pusher.ServiceId, pusher.UserId, pusher.LastStreamOrdering, HttpPusherProcessor.BatchSize, cancellationToken);
        if (actions.Count == 0)
        {
            return latest is { } ordering && !await store.AdvanceAsync(run, ordering, delivered: false, cancellationToken)
                ? PusherStep.Stop
                : PusherStep.Idle;
        }

        var subscription = Subscription(pusher);
        foreach (var action in actions)
        {
            var unread = await queries.UnreadCountAsync(pusher.ServiceId, pusher.UserId, cancellationToken);
            var notification = HttpPusherPayloads.Notification(pusher, action, unread);
            (notification["notification"] as JsonObject)?.Remove("devices");
            var urgency = notification["notification"]?["prio"]?.GetValue<string>() == "high" ? WebPushUrgency.High : WebPushUrgency.Normal;
            WebPushOutcome outcome;
            try
            {
                outcome = await sender.SendAsync(subscription, Encoding.UTF8.GetBytes(notification.ToJsonString()), new WebPushMessageOptions { Urgency = urgency }, cancellationToken);
            }
            catch (WebPushNotConfiguredException ex)
            {
                LogNotConfigured(logger, pusher.Id, ex.Message);
                outcome = WebPushOutcome.Retry;
            }

            switch (outcome)
            {
                case WebPushOutcome.Gone:
                    LogGone(logger, pusher.Id);
                    await store.RemoveAsync(pusher.Id, cancellationToken);
                    return PusherStep.Stop;
                case WebPushOutcome.Rejected:
                    // A refusal other than 404/410 is about this message: sending it again cannot help.
                    LogSkipped(logger, pusher.Id, action.StreamOrdering);
                    state.Succeeded(settings.InitialBackoff);
                    if (!await store.ParkAsync(run, action, ParkCause.Refused, "the push service refused it", cancellationToken))
                    {
                        return PusherStep.Stop;
                    }

                    break;
                case WebPushOutcome.Delivered:
                    state.Succeeded(settings.InitialBackoff);
                    if (!await store.AdvanceAsync(run, action.StreamOrdering, delivered: true, cancellationToken))
                    {
                        return PusherStep.Stop;
                    }

                    break;
                default:
                    if (await state.FailedAsync(run, action, "the push service did not take it", eventRefused: false, store, settings, time, logger, cancellationToken) is { } step)
                    {
                        return step;
                    }

                    break;
            }
        }

        return PusherStep.Continue;
    }

    private static WebPushSubscription Subscription(PusherRecord pusher)
    {
        var data = JsonNode.Parse(pusher.Data)?.AsObject();
        var keys = data?["keys"] as JsonObject;
        return new WebPushSubscription(
            data?["endpoint"]?.GetValue<string>() ?? "", keys?["p256dh"]?.GetValue<string>() ?? "", keys?["auth"]?.GetValue<string>() ?? "");
    }

    [LoggerMessage(8510, LogLevel.Information, "Web push pusher {PusherId} removed: its push service says the subscription is gone")]
    private static partial void LogGone(ILogger logger, Guid pusherId);

    [LoggerMessage(8511, LogLevel.Warning, "Web push pusher {PusherId}: notification {StreamOrdering} refused by the push service; skipped")]
    private static partial void LogSkipped(ILogger logger, Guid pusherId, long streamOrdering);

    [LoggerMessage(8514, LogLevel.Error, "Web push pusher {PusherId} cannot send: {Problem}")]
    private static partial void LogNotConfigured(ILogger logger, Guid pusherId, string problem);
}
