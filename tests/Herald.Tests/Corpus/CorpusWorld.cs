using System.Data.Common;
using System.Net.Http.Json;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Herald.Tests.Corpus;

/// <summary>
/// One Herald per backend for the whole corpus, in the API role (no worker changes a row behind
/// the probes' back), with what the corpus's passing requests refer to: a service with templates,
/// a key, a revoked key, a notification, a pusher, a push event and configured provider webhooks.
/// </summary>
public sealed class CorpusWorld : IAsyncDisposable
{
    public const string MailgunSigningKey = "corpus-mailgun-signing-key";
    public const string TwilioAuthToken = "corpus-twilio-auth-token";
    public const string VonageWebhookToken = "corpus-vonage-webhook-token";
    public const string SmsSender = "447700900999";
    public const string PushUser = "@corpus:example.org";
    public const string PushRoom = "!corpus:example.org";
    public const string PushAppId = "org.example.corpus";
    public const string PushKey = "corpus-pushkey";

    private readonly string[] _tables;

    private CorpusWorld(TestDatabase database, HeraldApp herald, CapturedLogs logs, string[] tables)
    {
        Database = database;
        Herald = herald;
        Logs = logs;
        _tables = tables;
        Client = new HttpClient(new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.UTF8 }) { BaseAddress = new Uri(herald.BaseUrl) };
    }

    /// <summary>A client that sends header values as given, non-ASCII included.</summary>
    public HttpClient Client { get; }

    public TestDatabase Database { get; }

    public HeraldApp Herald { get; }

    public CapturedLogs Logs { get; }

    public TestService Service { get; private set; } = null!;

    /// <summary>A key of another service: a token signed with it names the wrong service.</summary>
    public string OtherServiceKey { get; private set; } = "";

    public string RevokedKey { get; private set; } = "";

    public Guid RevokedKeyId { get; private set; }

    public Guid NotificationId { get; private set; }

    public Guid ProviderId { get; private set; }

    /// <summary>A job scheduled for tomorrow, so it waits whatever the probes do (one may cancel it).</summary>
    public Guid JobId { get; private set; }

    public string PushEventId { get; private set; } = "";

    /// <summary>An admin user (an editor) and one of their tokens, revoked (revoking it again passes).</summary>
    public Guid UserId { get; private set; }

    public Guid RevokedUserTokenId { get; private set; }

    public string RevokedUserToken { get; private set; } = "";

    /// <summary>A user that the passing request of <c>DELETE /admin/api/users/{id}</c> may delete.</summary>
    public Guid DeletableUserId { get; private set; }

    public static async Task<CorpusWorld> StartAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateAsync(provider);
        var logs = new CapturedLogs();
        var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api, settings: Settings, logs: logs);
        var world = new CorpusWorld(database, herald, logs, await TablesAsync(database));
        await world.PopulateAsync();
        return world;
    }

    private static Dictionary<string, string?> Settings => new()
    {
        ["AllowPrivateTargets"] = "true",
        ["AllowHttpCallbacks"] = "true",
        ["Providers:Instances:0:Name"] = "corpus-mailgun",
        ["Providers:Instances:0:Type"] = "mailgun",
        ["Providers:Instances:0:Settings:ApiKey"] = "key-corpus",
        ["Providers:Instances:0:Settings:Domain"] = "mg.example",
        ["Providers:Instances:0:Settings:BaseUrl"] = "http://127.0.0.1:9",
        ["Providers:Instances:0:Settings:WebhookSigningKey"] = MailgunSigningKey,
        ["Providers:Instances:1:Name"] = "corpus-twilio",
        ["Providers:Instances:1:Type"] = "twilio",
        ["Providers:Instances:1:Settings:AccountSid"] = "AC0123456789abcdef0123456789abcdef",
        ["Providers:Instances:1:Settings:AuthToken"] = TwilioAuthToken,
        ["Providers:Instances:1:Settings:BaseUrl"] = "http://127.0.0.1:9",
        ["Providers:Instances:2:Name"] = "corpus-vonage",
        ["Providers:Instances:2:Type"] = "vonage",
        ["Providers:Instances:2:Settings:ApiKey"] = "key",
        ["Providers:Instances:2:Settings:ApiSecret"] = "vonage-secret",
        ["Providers:Instances:2:Settings:BaseUrl"] = "http://127.0.0.1:9",
        ["Providers:Instances:2:Settings:WebhookToken"] = VonageWebhookToken,
    };

    private async Task PopulateAsync()
    {
        Service = await Herald.CreateReadyServiceAsync(service: new { name = "Corpus " + Guid.NewGuid().ToString("N")[..6], sms_sender = SmsSender, rate_limit = 100_000 });
        OtherServiceKey = (await Herald.CreateReadyServiceAsync()).Key;

        var revoked = await HeraldApp.ExpectAsync(await Herald.Admin.PostAsJsonAsync($"/admin/api/services/{Service.Id}/api-keys", new { name = "revoked", key_type = "normal" }), 201);
        RevokedKey = revoked.GetProperty("key").GetString()!;
        RevokedKeyId = revoked.GetProperty("id").GetGuid();
        await HeraldApp.ExpectAsync(await Herald.Admin.DeleteAsync(new Uri($"/admin/api/services/{Service.Id}/api-keys/{RevokedKeyId}", UriKind.Relative)), 204);

        NotificationId = (await Herald.SendEmailAsync(Service, "corpus@example.org")).GetProperty("id").GetGuid();
        JobId = (await HeraldApp.ExpectAsync(await Herald.Admin.PostAsJsonAsync($"/admin/api/services/{Service.Id}/jobs", new
        {
            template_id = Service.EmailTemplateId, csv = "email address,name,code\ncorpus@example.org,Corpus,1\n",
            scheduled_for = TimeProvider.System.GetUtcNow().AddDays(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        }), 201)).GetProperty("id").GetGuid();

        var providers = await HeraldApp.ExpectAsync(await Herald.Admin.GetAsync(new Uri("/admin/api/providers", UriKind.Relative)), 200);
        ProviderId = providers.GetProperty("providers").EnumerateArray().First().GetProperty("id").GetGuid();

        await HeraldApp.ExpectAsync(await Herald.PostAsync(Service.Key, $"/v2/push/users/{Uri.EscapeDataString(PushUser)}/pushers", new
        {
            kind = "http", app_id = PushAppId, pushkey = PushKey, data = new { url = "http://127.0.0.1:9/_matrix/push/v1/notify" },
        }), 201);
        await PopulateUsersAsync();
        PushEventId = "$corpus-" + Guid.NewGuid().ToString("N");
        await HeraldApp.ExpectAsync(await Herald.PostAsync(Service.Key, "/v2/push/events", new
        {
            room_id = PushRoom, event_id = PushEventId, type = "m.room.message", sender = "@sender:example.org",
            content = new { body = "hello" }, recipients = new[] { new { user_id = PushUser } },
        }), 201);
    }

    private async Task PopulateUsersAsync()
    {
        async Task<Guid> CreateUserAsync(string role) => (await HeraldApp.ExpectAsync(await Herald.Admin.PostAsJsonAsync("/admin/api/users",
            new { email = $"corpus-{role}-{Guid.NewGuid():N}@example.org", name = "Corpus " + role, role, password = "corpus password 0123" }), 201)).GetProperty("id").GetGuid();
        UserId = await CreateUserAsync("editor");
        DeletableUserId = await CreateUserAsync("viewer");
        var revoked = await HeraldApp.ExpectAsync(await Herald.Admin.PostAsJsonAsync($"/admin/api/users/{UserId}/tokens", new { name = "revoked" }), 201);
        RevokedUserTokenId = revoked.GetProperty("id").GetGuid();
        RevokedUserToken = revoked.GetProperty("token").GetString()!;
        await HeraldApp.ExpectAsync(await Herald.Admin.DeleteAsync(new Uri($"/admin/api/users/{UserId}/tokens/{RevokedUserTokenId}", UriKind.Relative)), 204);
    }

    /// <summary>Every table's row count, in one round trip: a refused request must leave all of them as they were.</summary>
    public async Task<IReadOnlyDictionary<string, long>> CountRowsAsync()
    {
        await using var connection = Connect(Database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = string.Join(" UNION ALL ", _tables.Select((t, i) => $"SELECT {i}, COUNT(*) FROM \"{t}\""));
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            counts[_tables[reader.GetInt32(0)]] = reader.GetInt64(1);
        }

        return counts;
    }

    private static async Task<string[]> TablesAsync(TestDatabase database)
    {
        await using var connection = Connect(database);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = database.Target.Provider == DatabaseProvider.Sqlite
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
            : "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename";
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            tables.Add(reader.GetString(0));
        }

        return [.. tables];
    }

    private static DbConnection Connect(TestDatabase database) => database.Target.Provider == DatabaseProvider.Sqlite
        ? new SqliteConnection(database.Target.ConnectionString)
        : new NpgsqlConnection(database.Target.ConnectionString);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Herald.DisposeAsync();
        await Database.DisposeAsync();
        Logs.Dispose();
    }
}
