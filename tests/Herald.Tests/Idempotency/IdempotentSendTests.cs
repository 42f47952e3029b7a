using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Herald.Cli;
using Herald.Idempotency;
using Herald.Notifications;
using Herald.Queue;
using Herald.Services;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> on the send routes: a retry of the same request is answered the first
/// 201 byte for byte and sends nothing more; anything else with the key is refused.
/// </summary>
public sealed class IdempotentSendTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_retry_is_answered_the_first_response_byte_for_byte_and_sends_nothing_more(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();
        var email = EmailBody(service, "ada@example.com");
        var sms = SmsBody(service, "07700900123");

        var firstEmail = await SendAsync(herald, service.Key, "/v2/notifications/email", email, "order-1");
        var firstSms = await SendAsync(herald, service.Key, "/v2/notifications/sms", sms, "order-2");
        var againEmail = await SendAsync(herald, service.Key, "/v2/notifications/email", email, "order-1");
        var againSms = await SendAsync(herald, service.Key, "/v2/notifications/sms", sms, "order-2");

        Assert.Equal(201, firstEmail.Status);
        Assert.Equal(201, firstSms.Status);
        Assert.Equal(firstEmail, againEmail with { Replayed = false });
        Assert.Equal(firstSms, againSms with { Replayed = false });
        Assert.False(firstEmail.Replayed);
        Assert.True(againEmail.Replayed);
        Assert.True(againSms.Replayed);
        Assert.Equal("application/json; charset=utf-8", againEmail.ContentType);

        // The answer is the notification's, in the same form as a send without a key.
        var created = JsonDocument.Parse(firstEmail.Body).RootElement;
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal($"{herald.BaseUrl}/v2/notifications/{id}", created.GetProperty("uri").GetString());
        Assert.Equal("Code for Ada", created.GetProperty("content").GetProperty("subject").GetString());
        Assert.Equal(2, await CountNotificationsAsync(herald, service.Id));
        await herald.WaitForStatusAsync(service.Key, id.ToString(), "delivered");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_same_key_with_a_different_body_is_refused_409(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();
        Assert.Equal(201, (await SendAsync(herald, service.Key, "/v2/notifications/email", EmailBody(service, "ada@example.com"), "k")).Status);

        var other = await SendAsync(herald, service.Key, "/v2/notifications/email", EmailBody(service, "grace@example.com"), "k");
        // The same request in other bytes is another body too: bodies are compared as sent.
        var spaced = await SendAsync(herald, service.Key, "/v2/notifications/email", EmailBody(service, "ada@example.com") + " ", "k");

        AssertError(other, 409, "ConflictError", "Idempotency-Key k was used with a different request in the last 24 hours: use a new key for a new request");
        Assert.Equal(409, spaced.Status);
        Assert.Equal(1, await CountNotificationsAsync(herald, service.Id));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Two_services_may_use_the_same_key(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var first = await herald.CreateReadyServiceAsync();
        var second = await herald.CreateReadyServiceAsync();

        var a = await SendAsync(herald, first.Key, "/v2/notifications/sms", SmsBody(first, "07700900123"), "shared-key");
        var b = await SendAsync(herald, second.Key, "/v2/notifications/sms", SmsBody(second, "07700900123"), "shared-key");

        Assert.Equal(201, a.Status);
        Assert.Equal(201, b.Status);
        Assert.False(b.Replayed);
        Assert.NotEqual(Id(a), Id(b));
        Assert.Equal(1, await CountNotificationsAsync(herald, first.Id));
        Assert.Equal(1, await CountNotificationsAsync(herald, second.Id));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Fifty_identical_requests_at_once_send_one_notification_and_get_one_answer(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();
        var body = EmailBody(service, "ada@example.com");

        var answers = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => SendAsync(herald, service.Key, "/v2/notifications/email", body, "burst"))));

        Assert.All(answers, a => Assert.Equal(201, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Single(answers, a => !a.Replayed);
        Assert.Equal(1, await CountNotificationsAsync(herald, service.Id));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Identical_requests_at_once_on_two_nodes_send_one_notification_and_get_one_answer(DatabaseProvider provider)
    {
        // A duplicate on the other node cannot wait for the first in memory: it polls the key's row.
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var first = await HeraldApp.StartAsync(database);
        await using var second = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var service = await first.CreateReadyServiceAsync();
        var body = SmsBody(service, "07700900123");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => SendAsync(i % 2 == 0 ? first : second, service.Key, "/v2/notifications/sms", body, "two-nodes"))));

        Assert.All(answers, a => Assert.Equal(201, a.Status));
        Assert.Single(answers.Select(a => a.Body).Distinct());
        Assert.Single(answers, a => !a.Replayed);
        Assert.Equal(1, await CountNotificationsAsync(first, service.Id));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_key_first_used_24_hours_ago_is_a_new_request(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, clock, HeraldRole.Api);
        var service = await herald.CreateReadyServiceAsync();
        var body = SmsBody(service, "07700900123");
        var first = await SendAsync(herald, service.Key, "/v2/notifications/sms", body, "daily");

        clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromSeconds(1));
        var within = await SendAsync(herald, service.Key, "/v2/notifications/sms", body, "daily");
        clock.Advance(TimeSpan.FromSeconds(1));
        var after = await SendAsync(herald, service.Key, "/v2/notifications/sms", body, "daily");
        var afterAgain = await SendAsync(herald, service.Key, "/v2/notifications/sms", body, "daily");

        Assert.Equal(first, within with { Replayed = false });
        Assert.Equal(201, after.Status);
        Assert.False(after.Replayed);
        Assert.NotEqual(Id(first), Id(after));
        Assert.Equal(after, afterAgain with { Replayed = false });
        Assert.Equal(2, await CountNotificationsAsync(herald, service.Id));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_refused_send_is_not_remembered_so_the_caller_can_fix_it_and_retry_with_the_key(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();

        // Refused by the schema, by the template (missing personalisation) and by the recipient.
        var schema = await SendAsync(herald, service.Key, "/v2/notifications/email", $$"""{"email_address":"ada@example.com","template_id":"{{service.EmailTemplateId}}","colour":"red"}""", "retry-me");
        var missing = await SendAsync(herald, service.Key, "/v2/notifications/email", $$"""{"email_address":"ada@example.com","template_id":"{{service.EmailTemplateId}}"}""", "retry-me");
        var recipient = await SendAsync(herald, service.Key, "/v2/notifications/email", EmailBody(service, "not-an-address"), "retry-me");
        var fixedUp = await SendAsync(herald, service.Key, "/v2/notifications/email", EmailBody(service, "ada@example.com"), "retry-me");

        Assert.Equal(400, schema.Status);
        Assert.Equal(400, missing.Status);
        Assert.Contains("Missing personalisation", missing.Body, StringComparison.Ordinal);
        Assert.Equal(400, recipient.Status);
        Assert.Equal(201, fixedUp.Status);
        Assert.False(fixedUp.Replayed);
        Assert.Equal(1, await CountNotificationsAsync(herald, service.Id));
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        var kept = await context.IdempotencyKeys.SingleAsync(k => k.ServiceId == service.Id);
        Assert.Equal((201, Id(fixedUp)), (kept.ResponseStatus, kept.NotificationId));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_key_still_pending_is_waited_for_then_refused_and_given_to_a_new_request_once_abandoned(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, clock, HeraldRole.Api, new Dictionary<string, string?> { ["Idempotency:Wait"] = "00:00:00.300" });
        var service = await herald.CreateReadyServiceAsync();
        var body = EmailBody(service, "ada@example.com");

        // As a request whose process died after claiming the key: pending, with no notification.
        await using (var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext())
        {
            context.IdempotencyKeys.Add(new IdempotencyKeyRecord
            {
                ServiceId = service.Id, Key = "crashed", RequestHash = IdempotencyKeys.Hash(Encoding.UTF8.GetBytes(body)),
                CreatedAt = clock.GetUtcNow().UtcDateTime, Token = Guid.NewGuid(),
            });
            await context.SaveChangesAsync();
        }

        var pending = await SendAsync(herald, service.Key, "/v2/notifications/email", body, "crashed");
        var otherBody = await SendAsync(herald, service.Key, "/v2/notifications/email", EmailBody(service, "grace@example.com"), "crashed");
        clock.Advance(TimeSpan.FromMinutes(1));
        var takenOver = await SendAsync(herald, service.Key, "/v2/notifications/email", body, "crashed");
        var replay = await SendAsync(herald, service.Key, "/v2/notifications/email", body, "crashed");

        AssertError(pending, 409, "ConflictError", "A request with Idempotency-Key crashed is still being processed: try again later");
        AssertError(otherBody, 409, "ConflictError", "Idempotency-Key crashed was used with a different request in the last 24 hours: use a new key for a new request");
        Assert.Equal(201, takenOver.Status);
        Assert.Equal(takenOver, replay with { Replayed = false });
        Assert.Equal(1, await CountNotificationsAsync(herald, service.Id));
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_send_whose_claim_was_taken_over_commits_nothing_and_is_answered_409(DatabaseProvider provider)
    {
        var logs = new CapturedLogs(Microsoft.Extensions.Logging.LogLevel.Warning);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api, logs: logs);
        var service = await herald.CreateReadyServiceAsync();
        var keys = herald.Services.GetRequiredService<IdempotencyKeys>();
        var db = herald.Services.GetRequiredService<HeraldDatabase>();
        var claim = (await keys.BeginAsync(service.Id, "slow", IdempotencyKeys.Hash("{}"u8), CancellationToken.None)).Claim!;

        // What a later request does once this one has been pending past AbandonedAfter: its own claim.
        var newer = Guid.NewGuid();
        await using (var context = db.CreateContext())
        {
            await context.IdempotencyKeys.Where(k => k.ServiceId == service.Id).ExecuteUpdateAsync(u => u.SetProperty(k => k.Token, newer));
        }

        var notification = new NotificationRecord
        {
            Id = Guid.NewGuid(), ServiceId = service.Id, TemplateId = service.SmsTemplateId, TemplateVersion = 1, KeyType = KeyType.Normal,
            Type = Herald.Templates.TemplateType.Sms, To = "07700900123", NormalisedTo = "447700900123", Body = "Your code is 1", CreatedAt = herald.Time.GetUtcNow().UtcDateTime,
        };
        var writer = herald.Services.GetRequiredService<NotificationWriter>();
        var refused = await Assert.ThrowsAsync<NotifyFormat.NotifyApiException>(() => writer.WriteAsync(notification, [], claim.StoreAnswer(201, "{}"u8.ToArray(), notification.Id)));
        await claim.DisposeAsync();

        Assert.Equal((409, "ConflictError"), (refused.StatusCode, refused.Error));
        Assert.Equal(0, await CountNotificationsAsync(herald, service.Id));
        await using var after = db.CreateContext();
        var row = await after.IdempotencyKeys.SingleAsync(k => k.ServiceId == service.Id);
        Assert.Equal((newer, (int?)null), (row.Token, row.ResponseStatus));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= Microsoft.Extensions.Logging.LogLevel.Error);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_bad_key_is_refused_400_and_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();
        var body = EmailBody(service, "ada@example.com");
        const string message = "Idempotency-Key must be 1 to 255 printable ASCII characters";

        foreach (var key in new[] { "", new string('k', 256), "clé", "emoji-\U0001F600", "a\u0001b", "a\tb", "a\u007fb" })
        {
            var answer = await SendAsync(herald, service.Key, "/v2/notifications/email", body, key);
            Assert.True(answer.Status == 400, $"key \"{JsonEncodedText.Encode(key)}\": {answer.Status} {answer.Body}");
            AssertError(answer, 400, "ValidationError", message);
        }

        // Two header lines (HttpClient would join them into one value, "one, two", which is a key).
        var twice = await SendRawAsync(herald, service.Key, "/v2/notifications/email", body, "one", "two");
        Assert.StartsWith("HTTP/1.1 400", twice, StringComparison.Ordinal);
        Assert.Contains("Idempotency-Key must be given once", twice, StringComparison.Ordinal);

        // A NUL no client library will send: Kestrel refuses the header itself, before Herald.
        Assert.StartsWith("HTTP/1.1 400", await SendRawAsync(herald, service.Key, "/v2/notifications/email", body, "a\0b"), StringComparison.Ordinal);

        Assert.Equal(0, await CountNotificationsAsync(herald, service.Id));
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        Assert.Equal(0, await context.IdempotencyKeys.CountAsync());

        // The longest key and every printable character are keys.
        Assert.Equal(201, (await SendAsync(herald, service.Key, "/v2/notifications/email", body, new string('k', 255))).Status);
        var printable = new string([.. Enumerable.Range(0x21, 0x7E - 0x21 + 1).Select(c => (char)c)]) + " inner space";
        Assert.Equal(201, (await SendAsync(herald, service.Key, "/v2/notifications/email", body, printable)).Status);
        Assert.True((await SendAsync(herald, service.Key, "/v2/notifications/email", body, printable)).Replayed);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_periodic_purge_deletes_only_keys_older_than_24_hours(DatabaseProvider provider)
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 3, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, clock, HeraldRole.Api);
        var service = await herald.CreateReadyServiceAsync();
        foreach (var key in new[] { "old-1", "old-2", "old-3" })
        {
            Assert.Equal(201, (await SendAsync(herald, service.Key, "/v2/notifications/sms", SmsBody(service, "07700900123"), key)).Status);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(201, (await SendAsync(herald, service.Key, "/v2/notifications/sms", SmsBody(service, "07700900123"), "recent")).Status);
        clock.Advance(TimeSpan.FromMinutes(59));

        var purge = herald.Services.GetServices<IQueueHandler>().OfType<IdempotencyPurge>().Single();
        purge.BatchSize = 2;
        await purge.HandleAsync(new QueueItem(1, IdempotencyPurge.KindName, "{}", 1, 0, null, clock.GetUtcNow()), CancellationToken.None);

        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        Assert.Equal(["recent"], await context.IdempotencyKeys.Select(k => k.Key).ToListAsync());
    }

    private sealed record Answer(int Status, string Body, bool Replayed, string? ContentType);

    private static string EmailBody(TestService service, string to) =>
        $$$"""{"email_address":"{{{to}}}","template_id":"{{{service.EmailTemplateId}}}","personalisation":{"name":"Ada","code":"1234"}}""";

    private static string SmsBody(TestService service, string to) =>
        $$$"""{"phone_number":"{{{to}}}","template_id":"{{{service.SmsTemplateId}}}","personalisation":{"code":"1234"}}""";

    /// <summary>A client that sends header values as UTF-8 rather than refusing what is not ASCII.</summary>
    private static readonly HttpClient Utf8Headers = new(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 });

    private static async Task<Answer> SendAsync(HeraldApp herald, string key, string path, string body, params string[] idempotencyKeys)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(herald.BaseUrl), path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", NotifyTokenSigner.Sign(key, herald.Time.GetUtcNow()));
        foreach (var idempotencyKey in idempotencyKeys)
        {
            request.Headers.TryAddWithoutValidation(IdempotencyKeys.Header, idempotencyKey);
        }

        using var response = await Utf8Headers.SendAsync(request);
        return new Answer(
            (int)response.StatusCode,
            await response.Content.ReadAsStringAsync(),
            response.Headers.TryGetValues(IdempotencyKeys.ReplayedHeader, out var replayed) && replayed.Single() == "true",
            response.Content.Headers.ContentType?.ToString());
    }

    /// <summary>The request written by hand on a socket, for headers HttpClient will not send as given; the whole answer as text.</summary>
    private static async Task<string> SendRawAsync(HeraldApp herald, string key, string path, string body, params string[] idempotencyKeys)
    {
        var uri = new Uri(herald.BaseUrl);
        using var client = new TcpClient();
        await client.ConnectAsync(uri.Host, uri.Port);
        var stream = client.GetStream();
        var content = Encoding.UTF8.GetBytes(body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"POST {path} HTTP/1.1\r\nHost: {uri.Authority}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Authorization: Bearer {NotifyTokenSigner.Sign(key, herald.Time.GetUtcNow())}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: application/json\r\nContent-Length: {content.Length}\r\nConnection: close\r\n");
        foreach (var idempotencyKey in idempotencyKeys)
        {
            head.Append(CultureInfo.InvariantCulture, $"{IdempotencyKeys.Header}: {idempotencyKey}\r\n");
        }

        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.Append("\r\n").ToString()));
        await stream.WriteAsync(content);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync();
    }

    private static void AssertError(Answer answer, int status, string error, string message)
    {
        Assert.True(answer.Status == status, $"expected {status}, got {answer.Status}: {answer.Body}");
        var root = JsonDocument.Parse(answer.Body).RootElement;
        Assert.Equal(status, root.GetProperty("status_code").GetInt32());
        var only = Assert.Single(root.GetProperty("errors").EnumerateArray());
        Assert.Equal((error, message), (only.GetProperty("error").GetString(), only.GetProperty("message").GetString()));
    }

    private static Guid Id(Answer answer) => JsonDocument.Parse(answer.Body).RootElement.GetProperty("id").GetGuid();

    private static async Task<int> CountNotificationsAsync(HeraldApp herald, Guid serviceId)
    {
        await using var context = herald.Services.GetRequiredService<HeraldDatabase>().CreateContext();
        return await context.Notifications.CountAsync(n => n.ServiceId == serviceId);
    }
}
