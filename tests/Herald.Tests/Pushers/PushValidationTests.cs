using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Pushers;

/// <summary>Every refused /v2/push request answers 400 in Notify's error format with a message that says why.</summary>
public sealed class PushValidationTests(PushValidationTests.App app) : IClassFixture<PushValidationTests.App>
{
    private const string Pushers = "/v2/push/users/@bob:example.org/pushers";
    private const string Events = "/v2/push/events";
    private const string Receipts = "/v2/push/users/@bob:example.org/receipts";

    [Theory]
    [InlineData(Pushers, """{"app_id":"a","pushkey":"k","data":{"url":"URL"}}""", "kind is a required property")]
    [InlineData(Pushers, """{"kind":"sms","app_id":"a","pushkey":"k","data":{}}""", "kind sms is not one of [http, email, webpush]")]
    [InlineData(Pushers, """{"kind":"http","pushkey":"k","data":{"url":"URL"}}""", "app_id is a required property")]
    [InlineData(Pushers, """{"kind":"http","app_id":"a","data":{"url":"URL"}}""", "pushkey is a required property")]
    [InlineData(Pushers, """{"kind":"http","app_id":"a","pushkey":"k"}""", "data is a required property")]
    [InlineData(Pushers, """{"kind":"http","app_id":"a","pushkey":"k","data":"x"}""", "data \"x\" is not of type object")]
    [InlineData(Pushers, """{"kind":"http","app_id":"a","pushkey":"k","data":{},"colour":"red"}""", "Additional properties are not allowed (colour was unexpected)")]
    [InlineData(Pushers, """{"kind":"http","app_id":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","pushkey":"k","data":{"url":"URL"}}""", "app_id is longer than 64 characters")]
    [InlineData(Pushers, """{"kind":"http","app_id":"a","pushkey":"k","data":{}}""", "data.url is a required property")]
    [InlineData(Pushers, """{"kind":"http","app_id":"a","pushkey":"k","data":{"url":"https://push.example.org/notify"}}""", "data.url must end in /_matrix/push/v1/notify")]
    [InlineData(Pushers, """{"kind":"http","app_id":"a","pushkey":"k","data":{"url":"ftp://push.example.org/_matrix/push/v1/notify"}}""", "data.url is not a valid URL")]
    [InlineData(Pushers, """{"kind":"http","app_id":"a","pushkey":"k","data":{"url":"URL","format":"full"}}""", "data.format \"full\" is not one of [event_id_only]")]
    [InlineData(Pushers, """{"kind":"webpush","app_id":"a","pushkey":"k","data":{"keys":{"p256dh":"x","auth":"y"}}}""", "data.endpoint is a required property")]
    [InlineData(Pushers, """{"kind":"webpush","app_id":"a","pushkey":"k","data":{"endpoint":"https://push.example.org/sub/1"}}""", "data.keys is a required property")]
    [InlineData(Pushers, """{"kind":"webpush","app_id":"a","pushkey":"k","data":{"endpoint":"https://push.example.org/sub/1","keys":{"p256dh":"AAAA","auth":"AAAAAAAAAAAAAAAAAAAAAA"}}}""", "data.keys.p256dh must be an uncompressed P-256 public key (65 bytes, base64url)")]
    [InlineData(Pushers, """{"kind":"webpush","app_id":"a","pushkey":"k","data":{"endpoint":"https://push.example.org/sub/1","keys":{"p256dh":"BAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA","auth":"AAAA"}}}""", "data.keys.auth must be a 16-byte secret (base64url)")]
    [InlineData(Pushers, """{"kind":"email","app_id":"a","pushkey":"not-an-address","data":{}}""", "pushkey is not a valid email address")]
    [InlineData(Pushers, """{"kind":"email","app_id":"a","pushkey":"ada@example.com","data":{"brand":5}}""", "data.brand 5 is not of type string")]
    [InlineData(Events, """{"type":"m.room.message","sender":"@a:b","content":{},"recipients":[]}""", "room_id is a required property")]
    [InlineData(Events, """{"room_id":"!r","sender":"@a:b","content":{},"recipients":[]}""", "type is a required property")]
    [InlineData(Events, """{"room_id":"!r","type":"t","content":{},"recipients":[]}""", "sender is a required property")]
    [InlineData(Events, """{"room_id":"!r","type":"t","sender":"@a:b","content":"hi","recipients":[]}""", "content \"hi\" is not of type object")]
    [InlineData(Events, """{"room_id":"!r","type":"t","sender":"@a:b","content":{}}""", "recipients is a required property")]
    [InlineData(Events, """{"room_id":"!r","type":"t","sender":"@a:b","content":{},"recipients":[{"highlight":true}]}""", "recipients[0] user_id is a required property")]
    [InlineData(Events, """{"room_id":"!r","type":"t","sender":"@a:b","content":{},"recipients":[{"user_id":"@u","highlight":"yes"}]}""", "recipients[0] highlight \"yes\" is not of type boolean")]
    [InlineData(Events, """{"room_id":"!r","type":"t","sender":"@a:b","content":{},"recipients":[{"user_id":"@u"},{"user_id":"@u"}]}""", "recipients lists @u more than once")]
    [InlineData(Events, """{"room_id":"","type":"t","sender":"@a:b","content":{},"recipients":[]}""", "room_id must not be empty")]
    [InlineData(Receipts, """{"event_id":"$e"}""", "room_id is a required property")]
    [InlineData(Receipts, """{"room_id":"!r"}""", "exactly one of event_id and stream_ordering is required")]
    [InlineData(Receipts, """{"room_id":"!r","event_id":"$e","stream_ordering":1}""", "exactly one of event_id and stream_ordering is required")]
    [InlineData(Receipts, """{"room_id":"!r","stream_ordering":-1}""", "stream_ordering -1 is not a non-negative integer")]
    [InlineData(Receipts, """{"room_id":"!r","event_id":"$never-posted"}""", "event_id $never-posted was not posted")]
    [InlineData(Receipts, """{"room_id":"!r","stream_ordering":1000000}""", "stream_ordering 1000000 is after the latest event")]
    public async Task Invalid_request_is_refused_with_a_validation_error(string path, string json, string message)
    {
        var response = await app.Herald.PostRawAsync(app.Service.Key, path, json.Replace("URL", app.Gateway.Url, StringComparison.Ordinal));
        await HeraldApp.ExpectErrorAsync(response, 400, "ValidationError", message);
    }

    [Theory]
    [InlineData("", "app_id is a required parameter")]
    [InlineData("?app_id=a", "pushkey is a required parameter")]
    [InlineData("?app_id=a%00&pushkey=k", "app_id is not valid text: it has a lone surrogate or a NUL character")]
    [InlineData("?app_id=a&pushkey=k%00", "pushkey is not valid text: it has a lone surrogate or a NUL character")]
    public async Task Delete_without_app_id_and_pushkey_is_refused(string query, string message)
    {
        var response = await app.Herald.SendAsync(app.Service.Key, HttpMethod.Delete, Pushers + query, null);
        await HeraldApp.ExpectErrorAsync(response, 400, "ValidationError", message);
    }

    [Theory]
    [InlineData("?limit=0", "limit 0 is not an integer from 1 to 500")]
    [InlineData("?from=abc", "from abc is not a valid token")]
    [InlineData("?only=mentions", "only mentions is not one of [highlight]")]
    public async Task Feed_with_bad_parameters_is_refused(string query, string message)
    {
        var response = await app.Herald.GetAsync(app.Service.Key, "/v2/push/users/@bob:example.org/notifications" + query);
        await HeraldApp.ExpectErrorAsync(response, 400, "ValidationError", message);
    }

    [Fact]
    public async Task A_push_gateway_in_a_private_range_is_refused_unless_allowed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();
        var response = await herald.PostAsync(service.Key, Pushers, new
        {
            kind = "http", app_id = "a", pushkey = "k", data = new { url = "http://10.1.2.3/_matrix/push/v1/notify" },
        });
        await HeraldApp.ExpectErrorAsync(response, 400, "ValidationError", "data.url is not allowed: 10.1.2.3 resolves to 10.1.2.3, a private or loopback address");
    }

    [Fact]
    public async Task Requests_without_a_token_are_refused_like_the_rest_of_v2()
    {
        await HeraldApp.ExpectErrorAsync(await app.Herald.Http.GetAsync(Pushers), 401, "AuthError", "Unauthorized: authentication token must be provided");
    }

    public sealed class App : IAsyncLifetime
    {
        private TestDatabase? _database;

        public HeraldApp Herald { get; private set; } = null!;

        public PushGatewayFake Gateway { get; private set; } = null!;

        public TestService Service { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
            Herald = await HeraldApp.StartAsync(_database, settings: new Dictionary<string, string?> { ["AllowPrivateTargets"] = "true" });
            Gateway = await PushGatewayFake.StartAsync();
            Service = await Herald.CreateReadyServiceAsync();
        }

        public async Task DisposeAsync()
        {
            await Herald.DisposeAsync();
            await Gateway.DisposeAsync();
            await _database!.DisposeAsync();
        }
    }
}
