using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Herald.Fakes;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Fakes;

/// <summary>The provider fakes on their own: the parts Herald's adapters do not exercise yet.</summary>
public sealed class ProviderFakesTests
{
    [Fact]
    public async Task Mailgun_events_page_through_accepted_and_final_events()
    {
        await using var fakes = await ProviderFakes.StartAsync(new FakeOptions
        {
            Mailgun = new FakeBehaviour { ReceiptDelay = TimeSpan.Zero, FinalStatuses = new Dictionary<string, string> { ["c@example.com"] = "failed" } },
        });
        using var http = MailgunClient(fakes);
        foreach (var to in new[] { "a@example.com", "b@example.com", "c@example.com" })
        {
            var sent = await http.PostAsync(new Uri("/v3/mg.example/messages", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["from"] = "hello@mg.example", ["to"] = to, ["subject"] = "Hi", ["text"] = "Hello", ["v:notification_id"] = to[..1],
            }));
            Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        }

        await Eventually.TrueAsync(() => Task.FromResult(fakes.Mailgun.PendingReceipts == 0), "final events logged");

        var events = new List<JsonElement>();
        var next = "/v3/mg.example/events?ascending=yes&limit=2";
        while (true)
        {
            var page = await (await http.GetAsync(new Uri(next, UriKind.RelativeOrAbsolute))).Content.ReadFromJsonAsync<JsonElement>();
            var items = page.GetProperty("items").EnumerateArray().ToList();
            if (items.Count == 0)
            {
                break;
            }

            Assert.True(items.Count <= 2);
            events.AddRange(items);
            next = page.GetProperty("paging").GetProperty("next").GetString()!;
        }

        Assert.Equal(6, events.Count);
        Assert.Equal(3, events.Count(e => e.GetProperty("event").GetString() == "accepted"));
        var failed = Assert.Single(events, e => e.GetProperty("event").GetString() == "failed");
        Assert.Equal("permanent", failed.GetProperty("severity").GetString());
        Assert.Equal("c", failed.GetProperty("user-variables").GetProperty("notification_id").GetString());
        Assert.Equal(events.OrderBy(e => e.GetProperty("timestamp").GetDouble()).Select(e => e.GetProperty("id").GetString()), events.Select(e => e.GetProperty("id").GetString()));

        var delivered = await http.GetFromJsonAsync<JsonElement>(new Uri("/v3/mg.example/events?event=delivered", UriKind.Relative));
        Assert.Equal(["a@example.com", "b@example.com"], delivered.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("recipient").GetString()).Order());

        using var anonymous = new HttpClient { BaseAddress = new Uri(fakes.BaseUrl) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(new Uri("/v3/mg.example/events", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_control_api_changes_behaviour_and_shows_what_was_received()
    {
        await using var fakes = await ProviderFakes.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fakes.BaseUrl) };

        var changed = await http.PutAsJsonAsync("/_fakes/vonage/behaviour", new { rejectedRecipients = new[] { "447700900111" }, rejectionCode = "6" });
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.PutAsJsonAsync("/_fakes/vonage/behaviour", new { noSuchField = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsJsonAsync("/_fakes/vonage/fail-next", new { count = 1, status = 500 })).StatusCode);

        var first = await SendVonageAsync(http, "447700900222");
        var refused = await SendVonageAsync(http, "447700900111");
        var sent = await SendVonageAsync(http, "447700900222");

        Assert.Equal(HttpStatusCode.InternalServerError, first.StatusCode);
        Assert.Equal("6", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages")[0].GetProperty("status").GetString());
        Assert.Equal("0", (await sent.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("messages")[0].GetProperty("status").GetString());
        var requests = await http.GetFromJsonAsync<JsonElement>("/_fakes/vonage/requests");
        Assert.Equal([500, 200, 200], requests.EnumerateArray().Select(r => r.GetProperty("statusCode").GetInt32()));
        Assert.Single((await http.GetFromJsonAsync<JsonElement>("/_fakes/vonage/messages")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri("/_fakes/nexmo/requests", UriKind.Relative))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await http.PostAsync(new Uri("/_fakes/reset", UriKind.Relative), null)).StatusCode);
        Assert.Empty(fakes.Vonage.Requests);
        Assert.Empty(fakes.Vonage.Behaviour.RejectedRecipients);
    }

    [Fact]
    public async Task The_matrix_push_gateway_records_notifications_and_rejects_configured_pushkeys()
    {
        await using var fakes = await ProviderFakes.StartAsync(new FakeOptions { Matrix = new FakeBehaviour { RejectedPushkeys = ["gone"] } });
        using var http = new HttpClient { BaseAddress = new Uri(fakes.BaseUrl) };

        var response = await http.PostAsJsonAsync("/_matrix/push/v1/notify", new
        {
            notification = new { event_id = "$e1", room_id = "!r:example.org", devices = new[] { new { app_id = "org.example.app", pushkey = "gone" }, new { app_id = "org.example.app", pushkey = "live" } } },
        });

        Assert.Equal(["gone"], (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rejected").EnumerateArray().Select(k => k.GetString()));
        Assert.Contains("$e1", Assert.Single(fakes.Matrix.Requests).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_timeout_hangs_past_the_clients_patience()
    {
        await using var fakes = await ProviderFakes.StartAsync(new FakeOptions { Matrix = new FakeBehaviour { TimeoutRate = 1 } });
        // The client waits long enough for its request to reach the fake on a busy machine; the fake never answers.
        using var http = new HttpClient { BaseAddress = new Uri(fakes.BaseUrl), Timeout = TimeSpan.FromSeconds(2) };

        await Assert.ThrowsAsync<TaskCanceledException>(() => http.PostAsJsonAsync("/_matrix/push/v1/notify", new { notification = new { devices = Array.Empty<object>() } }));

        await Eventually.TrueAsync(() => Task.FromResult(fakes.Matrix.Requests.Count == 1 && fakes.Matrix.Requests.Single().StatusCode == 499), "the fake notices the client gave up");
    }

    [Fact]
    public async Task The_same_seed_injects_the_same_errors()
    {
        async Task<List<int>> RunAsync()
        {
            await using var fakes = await ProviderFakes.StartAsync(new FakeOptions { Seed = 7, Matrix = new FakeBehaviour { ServerErrorRate = 0.3, TooManyRequestsRate = 0.3 } });
            using var http = new HttpClient { BaseAddress = new Uri(fakes.BaseUrl) };
            var codes = new List<int>();
            for (var i = 0; i < 20; i++)
            {
                codes.Add((int)(await http.PostAsJsonAsync("/_matrix/push/v1/notify", new { notification = new { devices = Array.Empty<object>() } })).StatusCode);
            }

            return codes;
        }

        var first = await RunAsync();
        var second = await RunAsync();

        Assert.Equal(first, second);
        Assert.Contains(200, first);
        Assert.Contains(503, first);
        Assert.Contains(429, first);
    }

    private static HttpClient MailgunClient(ProviderFakes fakes)
    {
        var http = new HttpClient { BaseAddress = new Uri(fakes.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"api:{fakes.Options.MailgunApiKey}")));
        return http;
    }

    private static Task<HttpResponseMessage> SendVonageAsync(HttpClient http, string to) =>
        http.PostAsync(new Uri("/sms/json", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["api_key"] = "vonage-key", ["api_secret"] = "vonage-secret", ["from"] = "Herald", ["to"] = to, ["text"] = "Hello",
        }));
}
