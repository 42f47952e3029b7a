using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Herald.Cli;
using Herald.Hosting;
using Herald.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Herald.Settings;

namespace Herald.Tests.Fixtures;

/// <summary>
/// A real Herald (host, API, workers) on 127.0.0.1 over a test database, with intent methods for
/// what a test does: create a service, a template, a key; send; read back.
/// </summary>
public sealed class HeraldApp : IAsyncDisposable
{
    public const string AdminToken = "test-admin-token-0123456789";

    /// <summary>
    /// The key that protects the key ring in tests, so that apps over one database (several nodes,
    /// restarts) share it as real nodes share the key file. Tests of the key file set it to null.
    /// </summary>
    public const string KeyRingKey = "dGVzdC1rZXktcmluZy1rZXktMDEyMzQ1Njc4OWFiY2Q=";

    private readonly WebApplication _app;

    private HeraldApp(WebApplication app, TestDatabase database, TimeProvider time)
    {
        _app = app;
        Database = database;
        Time = time;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        BaseUrl = address;
        Admin = new HttpClient { BaseAddress = new Uri(address) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        Http = new HttpClient { BaseAddress = new Uri(address) };
    }

    public string BaseUrl { get; }

    public HttpClient Admin { get; }

    /// <summary>No credentials: tests set them per request.</summary>
    public HttpClient Http { get; }

    public TestDatabase Database { get; }

    public TimeProvider Time { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<HeraldApp> StartAsync(
        TestDatabase database, TimeProvider? time = null, HeraldRole role = HeraldRole.All, IDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null, CapturedLogs? logs = null)
    {
        var overrides = new Dictionary<string, string?>
        {
            ["Database"] = database.DatabaseArgument,
            ["Urls"] = "http://127.0.0.1:0",
            ["Role"] = role.ToString(),
            ["AdminToken"] = AdminToken,
            ["KeyRing:Key"] = KeyRingKey,
            ["Queue:PollInterval"] = "00:00:01",
            ["Delivery:SimulatedReceiptDelay"] = "00:00:00.100",
            ["Logging:LogLevel:Default"] = "Warning",

            // Not in every test's start: a password hash, and a file in the shared working directory.
            ["Admin:CreateFirstOwner"] = "false",

            // Several apps in one test act as several nodes, each the only live process of its own.
            ["Node:Id"] = "test-" + Guid.NewGuid().ToString("N")[..12],
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            overrides[key] = value;
        }

        var clock = time ?? TimeProvider.System;
        var app = HeraldHost.Build(overrides, s =>
        {
            s.AddSingleton(clock);
            if (logs is not null)
            {
                s.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(logs);
            }

            services?.Invoke(s);
        });
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(CancellationToken.None);
        try
        {
            await app.StartAsync();
        }
        catch
        {
            // A refused start must not leave the workers that did start running against the test's database.
            await app.StopAsync();
            await app.DisposeAsync();
            throw;
        }

        return new HeraldApp(app, database, clock);
    }

    public async Task<JsonElement> CreateServiceAsync(object? body = null)
    {
        var response = await Admin.PostAsJsonAsync("/admin/api/services", body ?? new { name = "Test service " + Guid.NewGuid().ToString("N")[..6] });
        return await ExpectAsync(response, 201);
    }

    public async Task<JsonElement> CreateTemplateAsync(Guid serviceId, string type, string body, string? subject = null, string name = "Template")
    {
        var response = await Admin.PostAsJsonAsync($"/admin/api/services/{serviceId}/templates", new { name, type, subject, body });
        return await ExpectAsync(response, 201);
    }

    public async Task<string> CreateKeyAsync(Guid serviceId, string keyType = "normal", string name = "key")
    {
        var response = await Admin.PostAsJsonAsync($"/admin/api/services/{serviceId}/api-keys", new { name, key_type = keyType });
        return (await ExpectAsync(response, 201)).GetProperty("key").GetString()!;
    }

    /// <summary>Registers the service's callback of <paramref name="kind"/> through the admin API; it must be accepted.</summary>
    public async Task SetCallbackAsync(Guid serviceId, string kind, string url, string bearerToken = "secret-token-123") =>
        await ExpectAsync(await Admin.PutAsJsonAsync($"/admin/api/services/{serviceId}/callbacks/{kind}", new { url, bearer_token = bearerToken }), 200);

    /// <summary>A service with an email and an SMS template and a key of the given type.</summary>
    public async Task<TestService> CreateReadyServiceAsync(string keyType = "normal", object? service = null)
    {
        var created = await CreateServiceAsync(service);
        var id = created.GetProperty("id").GetGuid();
        var email = await CreateTemplateAsync(id, "email", "Hello ((name)),\n\nYour code is ((code)).", "Code for ((name))", "Email");
        var sms = await CreateTemplateAsync(id, "sms", "Your code is ((code))", name: "SMS");
        var key = await CreateKeyAsync(id, keyType);
        return new TestService(id, created.GetProperty("name").GetString()!, email.GetProperty("id").GetGuid(), sms.GetProperty("id").GetGuid(), key);
    }

    public Task<HttpResponseMessage> PostAsync(string key, string path, object body) =>
        SendAsync(key, HttpMethod.Post, path, JsonContent.Create(body));

    public Task<HttpResponseMessage> PostRawAsync(string key, string path, string json) =>
        SendAsync(key, HttpMethod.Post, path, new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

    public Task<HttpResponseMessage> GetAsync(string key, string path) => SendAsync(key, HttpMethod.Get, path, null);

    public Task<HttpResponseMessage> SendAsync(string key, HttpMethod method, string path, HttpContent? content)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", NotifyTokenSigner.Sign(key, Time.GetUtcNow()));
        return Http.SendAsync(request);
    }

    public async Task<JsonElement> SendEmailAsync(TestService service, string to, object? personalisation = null, string? reference = null)
    {
        var response = await PostAsync(service.Key, "/v2/notifications/email", new
        {
            email_address = to,
            template_id = service.EmailTemplateId,
            personalisation = personalisation ?? new { name = "Ada", code = "1234" },
            reference,
        });
        return await ExpectAsync(response, 201);
    }

    public async Task<JsonElement> SendSmsAsync(TestService service, string to, object? personalisation = null, string? reference = null)
    {
        var response = await PostAsync(service.Key, "/v2/notifications/sms", new
        {
            phone_number = to,
            template_id = service.SmsTemplateId,
            personalisation = personalisation ?? new { code = "1234" },
            reference,
        });
        return await ExpectAsync(response, 201);
    }

    public async Task<string> WaitForStatusAsync(string key, string notificationId, string status)
    {
        var last = "";
        await Eventually.TrueAsync(async () =>
        {
            var body = await ExpectAsync(await GetAsync(key, $"/v2/notifications/{notificationId}"), 200);
            last = body.GetProperty("status").GetString()!;
            return last == status;
        }, $"notification {notificationId} reaches {status}");
        return last;
    }

    public static async Task<JsonElement> ExpectAsync(HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts Notify's error body: status code, error type and (one of) the messages.</summary>
    public static async Task ExpectErrorAsync(HttpResponseMessage response, int status, string error, string message)
    {
        var body = await ExpectAsync(response, status);
        Assert.Equal(status, body.GetProperty("status_code").GetInt32());
        var errors = body.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("error").GetString(), e.GetProperty("message").GetString())).ToList();
        Assert.Contains((error, message), errors);
    }

    public static JsonObject Json(object value) => JsonSerializer.SerializeToNode(value)!.AsObject();

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record TestService(Guid Id, string Name, Guid EmailTemplateId, Guid SmsTemplateId, string Key);
