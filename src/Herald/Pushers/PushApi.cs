using System.Text.Json;
using Herald.NotifyFormat;
using Herald.Auth;

namespace Herald.Pushers;

/// <summary>The <c>/v2/push</c> routes: events, receipts, a user's pushers and feed. Same JWT auth and error format as the rest of /v2.</summary>
public static class PushApi
{
    public static WebApplication MapPushApi(this WebApplication app)
    {
        var push = app.MapGroup("/v2/push").WithTags("Push");
        push.MapPost("/events", PostEventAsync)
            .WithSummary("Post an event for its recipients' pushers")
            .WithDescription("Body: `room_id`, `type`, `sender`, `content` (an object) and `recipients` (`user_id` each), with optional `event_id`, `sender_display_name` and `room_name`. 201 for a new event, 200 for an `event_id` already posted.")
            .Produces<PushEventCreatedResponse>(StatusCodes.Status201Created).Produces<PushEventCreatedResponse>();
        push.MapPost("/users/{user}/receipts", PostReceiptAsync)
            .WithSummary("Mark a user's room read")
            .WithDescription("Body: `room_id` and either `event_id` or `stream_ordering`: the user has read up to there.")
            .Produces<PushReceiptResponse>();
        push.MapGet("/users/{user}/pushers", ListPushersAsync)
            .WithSummary("List a user's pushers").Produces<PusherListResponse>();
        push.MapPost("/users/{user}/pushers", RegisterPusherAsync)
            .WithSummary("Register or replace a user's pusher")
            .WithDescription("201 for a new pusher, 200 for one replaced (same `app_id` and `pushkey`).")
            .Produces<PusherResponse>(StatusCodes.Status201Created).Produces<PusherResponse>();
        push.MapDelete("/users/{user}/pushers", RemovePusherAsync)
            .WithSummary("Remove a user's pusher").WithDescription("Query: `app_id` and `pushkey`.").Produces(StatusCodes.Status204NoContent);
        push.MapGet("/users/{user}/notifications", FeedAsync)
            .WithSummary("Read a user's notification feed").Produces<PushFeedResponse>();
        return app;
    }

    private static async Task<IResult> PostEventAsync(HttpRequest request, ApiAuthenticator auth, PushEventWriter writer, CancellationToken ct)
    {
        var caller = await auth.AuthenticateAsync(request, ct);
        using var body = await RequestJson.ReadAsync(request, ct);
        var input = PushRequestParser.ParseEvent(body.RootElement);
        var (ordering, eventId, created) = await writer.WriteAsync(caller.ServiceId, input, ct);
        return TypedResults.Json(new PushEventCreatedResponse(ordering, eventId), PushJsonContext.Default.PushEventCreatedResponse, statusCode: created ? 201 : 200);
    }

    private static async Task<IResult> PostReceiptAsync(HttpRequest request, string user, ApiAuthenticator auth, PushReceiptWriter writer, CancellationToken ct)
    {
        var caller = await auth.AuthenticateAsync(request, ct);
        var userId = PushRequestParser.ParseUser(user);
        using var body = await RequestJson.ReadAsync(request, ct);
        var input = PushRequestParser.ParseReceipt(body.RootElement);
        var ordering = await writer.WriteAsync(caller.ServiceId, userId, input, ct);
        return TypedResults.Json(new PushReceiptResponse(input.RoomId, ordering), PushJsonContext.Default.PushReceiptResponse);
    }

    private static async Task<IResult> ListPushersAsync(HttpRequest request, string user, ApiAuthenticator auth, PusherAdministration pushers, CancellationToken ct)
    {
        var caller = await auth.AuthenticateAsync(request, ct);
        var list = await pushers.ListAsync(caller.ServiceId, PushRequestParser.ParseUser(user), ct);
        return TypedResults.Json(new PusherListResponse([.. list.Select(PusherResponse.From)]), PushJsonContext.Default.PusherListResponse);
    }

    private static async Task<IResult> RegisterPusherAsync(HttpRequest request, string user, ApiAuthenticator auth, PusherAdministration pushers, CancellationToken ct)
    {
        var caller = await auth.AuthenticateAsync(request, ct);
        var userId = PushRequestParser.ParseUser(user);
        using var body = await RequestJson.ReadAsync(request, ct);
        var registration = PushRequestParser.ParsePusher(userId, body.RootElement);
        var (pusher, created) = await pushers.RegisterAsync(caller.ServiceId, registration, ct);
        return TypedResults.Json(PusherResponse.From(pusher), PushJsonContext.Default.PusherResponse, statusCode: created ? 201 : 200);
    }

    private static async Task<IResult> RemovePusherAsync(HttpRequest request, string user, ApiAuthenticator auth, PusherAdministration pushers, CancellationToken ct)
    {
        var caller = await auth.AuthenticateAsync(request, ct);
        var userId = PushRequestParser.ParseUser(user);
        var appId = request.Query["app_id"].ToString();
        var pushkey = request.Query["pushkey"].ToString();
        var errors = new List<string>();
        if (appId.Length == 0)
        {
            errors.Add("app_id is a required parameter");
        }

        if (pushkey.Length == 0)
        {
            errors.Add("pushkey is a required parameter");
        }

        // A NUL reaches PostgreSQL as text it refuses.
        foreach (var (name, value) in new[] { ("app_id", appId), ("pushkey", pushkey) })
        {
            if (!RequestJson.IsStorable(value))
            {
                errors.Add(RequestJson.Unstorable(name));
            }
        }

        if (errors.Count > 0)
        {
            throw NotifyApiException.Validation(errors);
        }

        return await pushers.RemoveAsync(caller.ServiceId, userId, appId, pushkey, ct) ? TypedResults.NoContent() : throw NotifyApiException.NotFound();
    }

    private static async Task<IResult> FeedAsync(HttpRequest request, string user, ApiAuthenticator auth, PushFeed feed, CancellationToken ct)
    {
        var caller = await auth.AuthenticateAsync(request, ct);
        var page = await feed.ReadAsync(caller.ServiceId, PushRequestParser.ParseUser(user), request.Query, ct);
        return TypedResults.Json(page, PushJsonContext.Default.PushFeedResponse);
    }
}
