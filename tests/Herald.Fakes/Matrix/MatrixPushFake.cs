using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Herald.Fakes.Matrix;

/// <summary>
/// A Matrix push gateway (<c>POST /_matrix/push/v1/notify</c>): records each notification and
/// answers <c>{"rejected": [...]}</c> with those of its devices' pushkeys the behaviour rejects.
/// </summary>
internal sealed class MatrixPushFake(ProviderFake fake)
{
    public void Map(WebApplication app) =>
        app.MapPost("/_matrix/push/v1/notify", FakeEndpoint.Handle(fake, Error, Notify));

    private static IResult Notify(HttpContext context, FakeRequest request, FakeBehaviour behaviour)
    {
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(request.Body);
        }
        catch (JsonException)
        {
            return Error(400);
        }

        if (body?["notification"]?["devices"] is not JsonArray devices)
        {
            return Results.Json(new { errcode = "M_BAD_JSON", error = "notification.devices is required" }, statusCode: 400);
        }

        var rejected = devices
            .Select(d => d?["pushkey"]?.GetValue<string>())
            .Where(k => k is not null && behaviour.RejectedPushkeys.Contains(k, StringComparer.Ordinal))
            .ToList();
        return Results.Json(new { rejected });
    }

    private static IResult Error(int status) =>
        Results.Json(new { errcode = status == 429 ? "M_LIMIT_EXCEEDED" : "M_UNKNOWN", error = $"fake answered {status}" }, statusCode: status);
}
