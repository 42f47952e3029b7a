using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Herald.Fakes.Control;

/// <summary>
/// The fakes' control API, for demos and out-of-process use (no credentials: it listens on loopback):
/// <list type="bullet">
/// <item><c>GET /_fakes</c>: each provider's counts.</item>
/// <item><c>GET /_fakes/{provider}/requests|messages|receipts</c>: what it received, accepted, sent.</item>
/// <item><c>GET|PUT /_fakes/{provider}/behaviour</c>: read or change behaviour (PUT merges the fields given).</item>
/// <item><c>POST /_fakes/{provider}/fail-next</c> <c>{"count":1,"status":429}</c>: script failures.</item>
/// <item><c>POST /_fakes/{provider}/reset</c>, <c>POST /_fakes/reset</c>: forget and restore.</item>
/// </list>
/// Providers: <c>twilio</c>, <c>vonage</c>, <c>mailgun</c>, <c>matrix</c>.
/// </summary>
internal static class ControlApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static void MapControlApi(this WebApplication app, ProviderFakes fakes)
    {
        var control = app.MapGroup("/_fakes");
        control.MapGet("/", () => Results.Json(new
        {
            baseUrl = fakes.BaseUrl,
            providers = fakes.All.Select(f => new
            {
                name = f.Name,
                requests = f.Requests.Count,
                messages = f.Messages.Count,
                receipts = f.Receipts.Count,
                pendingReceipts = f.PendingReceipts,
            }),
        }, Json));
        control.MapPost("/reset", () =>
        {
            fakes.Reset();
            return Results.NoContent();
        });
        control.MapGet("/{provider}/requests", (string provider) => With(fakes, provider, f => Results.Json(f.Requests, Json)));
        control.MapGet("/{provider}/messages", (string provider) => With(fakes, provider, f => Results.Json(f.Messages, Json)));
        control.MapGet("/{provider}/receipts", (string provider) => With(fakes, provider, f => Results.Json(f.Receipts, Json)));
        control.MapGet("/{provider}/behaviour", (string provider) => With(fakes, provider, f => Results.Json(f.Behaviour, Json)));
        control.MapPut("/{provider}/behaviour", async (string provider, HttpRequest request) =>
        {
            JsonObject? changes;
            try
            {
                changes = await JsonNode.ParseAsync(request.Body, cancellationToken: request.HttpContext.RequestAborted) as JsonObject;
            }
            catch (JsonException)
            {
                changes = null;
            }

            return changes is null
                ? Results.Problem("Send a JSON object with the behaviour fields to change.", statusCode: 400)
                : With(fakes, provider, f => Merge(f, changes));
        });
        control.MapPost("/{provider}/fail-next", async (string provider, HttpRequest request) =>
        {
            FailNextRequest? failure;
            try
            {
                failure = await JsonSerializer.DeserializeAsync<FailNextRequest>(request.Body, Json, request.HttpContext.RequestAborted);
            }
            catch (JsonException)
            {
                failure = null;
            }

            return failure is not { Count: > 0, Status: >= 400 and <= 599 }
                ? Results.Problem("Send {\"count\": n, \"status\": 4xx or 5xx}.", statusCode: 400)
                : With(fakes, provider, f =>
                {
                    f.FailNext(failure.Count, failure.Status);
                    return Results.NoContent();
                });
        });
        control.MapPost("/{provider}/reset", (string provider) => With(fakes, provider, f =>
        {
            f.Reset();
            return Results.NoContent();
        }));
    }

    private static IResult With(ProviderFakes fakes, string provider, Func<ProviderFake, IResult> action) =>
        fakes.Find(provider) is { } fake ? action(fake) : Results.Problem($"No fake called {provider}: twilio, vonage, mailgun or matrix.", statusCode: 404);

    private static IResult Merge(ProviderFake fake, JsonObject changes)
    {
        var current = JsonSerializer.SerializeToNode(fake.Behaviour, Json)!.AsObject();
        foreach (var (name, value) in changes)
        {
            var key = current.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, name, StringComparison.OrdinalIgnoreCase));
            if (key is null)
            {
                return Results.Problem($"Unknown behaviour field {name}.", statusCode: 400);
            }

            current[key] = value?.DeepClone();
        }

        try
        {
            fake.Behaviour = current.Deserialize<FakeBehaviour>(Json)!;
        }
        catch (JsonException ex)
        {
            return Results.Problem($"Invalid behaviour: {ex.Message}", statusCode: 400);
        }

        return Results.Json(fake.Behaviour, Json);
    }
}
