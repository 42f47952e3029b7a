using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace Herald.Tests.Api;

public sealed class AuthTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Every_auth_failure_gets_Notifys_status_and_message(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();
        var secret = service.Key[^36..];
        var now = herald.Time.GetUtcNow();

        await HeraldApp.ExpectErrorAsync(await Get(herald, null), 401, "AuthError", "Unauthorized: authentication token must be provided");
        await HeraldApp.ExpectErrorAsync(await Get(herald, "Basic abc"), 401, "AuthError", "Unauthorized: authentication bearer scheme must be used");
        await HeraldApp.ExpectErrorAsync(await Get(herald, "Bearer not-a-jwt"), 403, "AuthError", "Invalid token: signature, api token is not valid");
        await HeraldApp.ExpectErrorAsync(await Get(herald, "Bearer " + Token("HS512", service.Id.ToString(), now, secret)), 403, "AuthError", "Invalid token: algorithm used is not HS256");
        await HeraldApp.ExpectErrorAsync(await Get(herald, "Bearer " + Token("HS256", "not-a-uuid", now, secret)), 403, "AuthError", "Invalid token: service id is not the right data type");
        await HeraldApp.ExpectErrorAsync(await Get(herald, "Bearer " + Token("HS256", Guid.NewGuid().ToString(), now, secret)), 403, "AuthError", "Invalid token: service not found");
        await HeraldApp.ExpectErrorAsync(await Get(herald, "Bearer " + Token("HS256", service.Id.ToString(), now, Guid.NewGuid().ToString())), 403, "AuthError", "Invalid token: API key not found");
        await HeraldApp.ExpectAsync(await Get(herald, "bearer " + Token("HS256", service.Id.ToString(), now, secret)), 200);

        var bare = await herald.CreateServiceAsync();
        await HeraldApp.ExpectErrorAsync(await Get(herald, "Bearer " + Token("HS256", bare.GetProperty("id").GetString()!, now, secret)), 403, "AuthError", "Invalid token: service has no API keys");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_token_may_be_issued_up_to_30_seconds_either_side_of_the_clock(DatabaseProvider provider)
    {
        // A stopped clock on a whole second: the check itself, not how long the requests take.
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 11, 29, 12, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, clock);
        var service = await herald.CreateReadyServiceAsync();
        var secret = service.Key[^36..];
        var now = clock.GetUtcNow();

        foreach (var seconds in new[] { -30, 30 })
        {
            await HeraldApp.ExpectAsync(await Get(herald, "Bearer " + Token("HS256", service.Id.ToString(), now.AddSeconds(seconds), secret)), 200);
        }

        foreach (var seconds in new[] { -31, 31 })
        {
            await HeraldApp.ExpectErrorAsync(await Get(herald, "Bearer " + Token("HS256", service.Id.ToString(), now.AddSeconds(seconds), secret)), 403, "AuthError",
                "Error: Your system clock must be accurate to within 30 seconds");
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_revoked_key_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();
        var keys = await HeraldApp.ExpectAsync(await herald.Admin.PostAsync(
            new Uri($"/admin/api/services/{service.Id}/api-keys", UriKind.Relative),
            new StringContent("{\"name\":\"second\",\"key_type\":\"normal\"}", Encoding.UTF8, "application/json")), 201);

        await HeraldApp.ExpectAsync(await herald.Admin.DeleteAsync(new Uri($"/admin/api/services/{service.Id}/api-keys/{keys.GetProperty("id").GetString()}", UriKind.Relative)), 204);

        await HeraldApp.ExpectErrorAsync(await herald.GetAsync(keys.GetProperty("key").GetString()!, "/v2/templates"), 403, "AuthError", "Invalid token: API key revoked");
        await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/templates"), 200);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_token_whose_parts_are_not_json_objects_is_refused_not_a_server_error(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();
        var secret = service.Key[^36..];
        var payload = $"{{\"iss\":\"{service.Id}\",\"iat\":{herald.Time.GetUtcNow().ToUnixTimeSeconds()}}}";
        foreach (var (header, body) in new[]
        {
            ("[]", payload), ("[1]", payload), ("42", payload), ("\"HS256\"", payload), ("null", payload),
            ("{\"alg\":\"HS256\"}", "[1]"), ("{\"alg\":\"HS256\"}", "42"), ("{\"alg\":\"HS256\"}", "\"x\""), ("{\"alg\":\"HS256\"}", "null"),
            ("{\"alg\":\"HS256\"}", "{\"iss\":\"\\ud800\",\"iat\":1}"), ("{\"alg\":\"\\udc00\"}", payload),
        })
        {
            await HeraldApp.ExpectErrorAsync(await Get(herald, "Bearer " + Signed(header, body, secret)), 403, "AuthError", "Invalid token: signature, api token is not valid");
        }
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_iat_beyond_any_clock_is_a_clock_error_not_a_server_error(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();
        var secret = service.Key[^36..];
        foreach (var iat in new[] { "1e15", "-1e15", "1e300", "-1e300", "9223372036854775807", "253402300800" })
        {
            await HeraldApp.ExpectErrorAsync(await Get(herald, "Bearer " + Signed("{\"alg\":\"HS256\"}", $"{{\"iss\":\"{service.Id}\",\"iat\":{iat}}}", secret)), 403, "AuthError",
                "Error: Your system clock must be accurate to within 30 seconds");
        }
    }

    private static Task<HttpResponseMessage> Get(HeraldApp herald, string? authorization)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v2/templates");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        return herald.Http.SendAsync(request);
    }

    private static string Token(string alg, string iss, DateTimeOffset iat, string secret) =>
        Signed($"{{\"typ\":\"JWT\",\"alg\":\"{alg}\"}}", $"{{\"iss\":\"{iss}\",\"iat\":{iat.ToUnixTimeSeconds()}}}", secret);

    /// <summary>A token of any header and payload JSON, signed with the key's secret.</summary>
    private static string Signed(string headerJson, string payloadJson, string secret)
    {
        var header = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(headerJson));
        var payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payloadJson));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64Url.EncodeToString(signature)}";
    }
}
