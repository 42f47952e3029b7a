using System.Text;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Api;

public sealed class ValidationTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Bad_send_requests_get_Notifys_errors_and_create_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();
        const string email = "/v2/notifications/email";
        const string sms = "/v2/notifications/sms";

        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, email, new { email_address = "a@example.com" }), 400, "ValidationError", "template_id is a required property");
        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, email, new { template_id = service.EmailTemplateId }), 400, "ValidationError", "email_address is a required property");
        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, email, new { email_address = "a@example.com", template_id = "nope" }), 400, "ValidationError", "template_id is not a valid UUID");
        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, email, new { email_address = "a@example.com", template_id = service.EmailTemplateId, colour = "red" }),
            400, "ValidationError", "Additional properties are not allowed (colour was unexpected)");
        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, email, new { email_address = "a@example.com", template_id = service.EmailTemplateId, personalisation = "x" }),
            400, "ValidationError", "personalisation \"x\" is not of type object");
        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, email, new { email_address = "not an email", template_id = service.EmailTemplateId, personalisation = new { name = "a", code = "b" } }),
            400, "ValidationError", "email_address Not a valid email address");
        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, sms, new { phone_number = "0207 946 0000", template_id = service.SmsTemplateId, personalisation = new { code = "b" } }),
            400, "ValidationError", "phone_number Not a UK mobile number");
        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, email, new { email_address = "a@example.com", template_id = service.EmailTemplateId, reference = new string('r', 1001) }),
            400, "ValidationError", $"reference {new string('r', 20)}... is too long");
        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, email, new { email_address = "a@example.com", template_id = service.EmailTemplateId, one_click_unsubscribe_url = "http://x.example" }),
            400, "ValidationError", "one_click_unsubscribe_url is not a valid https url");
        await HeraldApp.ExpectErrorAsync(await herald.PostRawAsync(service.Key, email, "{\"email_address\": "), 400, "BadRequestError", "Invalid JSON supplied in POST data");
        await HeraldApp.ExpectErrorAsync(await herald.PostRawAsync(service.Key, email, "[1,2]"), 400, "BadRequestError", "Invalid JSON supplied in POST data");
        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, email, new { email_address = "a@example.com", template_id = Guid.NewGuid() }), 400, "BadRequestError", "Template not found");
        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, email, new { email_address = "a@example.com", template_id = service.SmsTemplateId }),
            400, "BadRequestError", "sms template is not suitable for email notification");
        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, email, new { email_address = "a@example.com", template_id = service.EmailTemplateId, personalisation = new { name = "a" } }),
            400, "BadRequestError", "Missing personalisation: code");

        var replyTo = Guid.NewGuid();
        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, email, new { email_address = "a@example.com", template_id = service.EmailTemplateId, email_reply_to_id = replyTo, personalisation = new { name = "a", code = "b" } }),
            400, "BadRequestError", $"email_reply_to_id {replyTo} does not exist in database for service id {service.Id}");

        var other = await herald.CreateReadyServiceAsync();
        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, email, new { email_address = "a@example.com", template_id = other.EmailTemplateId, personalisation = new { name = "a", code = "b" } }),
            400, "BadRequestError", "Template not found");

        var list = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/notifications"), 200);
        Assert.Empty(list.GetProperty("notifications").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Text_that_cannot_be_stored_is_refused_at_the_edge_and_creates_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();
        const string email = "/v2/notifications/email";
        string Body(string emailAddress, string name, string reference = "r") =>
            $"{{\"email_address\":\"{emailAddress}\",\"template_id\":\"{service.EmailTemplateId}\",\"reference\":\"{reference}\",\"personalisation\":{{\"name\":\"{name}\",\"code\":\"1\"}}}}";
        const string refused = "is not valid text: it has invalid UTF-8, a lone surrogate or a NUL character";

        await HeraldApp.ExpectErrorAsync(await herald.PostRawAsync(service.Key, email, Body("a@example.com", "\\ud800")), 400, "ValidationError", $"personalisation.name {refused}");
        await HeraldApp.ExpectErrorAsync(await herald.PostRawAsync(service.Key, email, Body("a@example.com", "\\udc00x")), 400, "ValidationError", $"personalisation.name {refused}");
        await HeraldApp.ExpectErrorAsync(await herald.PostRawAsync(service.Key, email, Body("a@example.com", "Ada", "x\\u0000y")), 400, "ValidationError", $"reference {refused}");
        await HeraldApp.ExpectErrorAsync(await herald.PostRawAsync(service.Key, email, Body("a\\u0000@example.com", "Ada")), 400, "ValidationError", $"email_address {refused}");

        // Invalid UTF-8 as raw bytes: 0xC3 starts a two-byte sequence that 0x28 does not continue.
        using var content = new ByteArrayContent([.. Encoding.UTF8.GetBytes(Body("a@example.com", "A#da")).SelectMany(b => b == (byte)'#' ? new byte[] { 0xC3, 0x28 } : [b])]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        await HeraldApp.ExpectErrorAsync(await herald.SendAsync(service.Key, HttpMethod.Post, email, content), 400, "ValidationError", $"personalisation.name {refused}");

        await HeraldApp.ExpectErrorAsync(await herald.GetAsync(service.Key, "/v2/notifications?reference=%00"), 400, "ValidationError",
            "reference is not valid text: it has a lone surrogate or a NUL character");
        var list = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/notifications"), 200);
        Assert.Empty(list.GetProperty("notifications").EnumerateArray());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Several_problems_are_reported_together(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();

        var response = await herald.PostAsync(service.Key, "/v2/notifications/sms", new { extra = 1 });

        var body = await HeraldApp.ExpectAsync(response, 400);
        var messages = body.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("message").GetString()).ToList();
        Assert.Contains("phone_number is a required property", messages);
        Assert.Contains("template_id is a required property", messages);
        Assert.Contains("Additional properties are not allowed (extra was unexpected)", messages);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_sms_over_918_characters_is_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync(service: new { name = "S", sms_prefix = false });

        var response = await herald.PostAsync(service.Key, "/v2/notifications/sms", new
        {
            phone_number = "07700900123", template_id = service.SmsTemplateId, personalisation = new { code = new string('a', 919 - "Your code is ".Length) },
        });

        await HeraldApp.ExpectErrorAsync(response, 400, "BadRequestError", "Text messages cannot be longer than 918 characters. Your message is 919 characters long.");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Letters_are_refused_as_Notify_refuses_a_service_without_them(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();

        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, "/v2/notifications/letter", new { template_id = service.EmailTemplateId, personalisation = new { address_line_1 = "A" } }),
            400, "BadRequestError", "Service is not allowed to send letters");

        var email = await herald.SendEmailAsync(service, "ada@example.com");
        await HeraldApp.ExpectErrorAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{email.GetProperty("id").GetString()}/pdf"), 400, "BadRequestError", "Notification is not a letter");
        await HeraldApp.ExpectErrorAsync(await herald.GetAsync(service.Key, $"/v2/notifications/{Guid.NewGuid()}/pdf"), 404, "NoResultFound", "No result found");
        await HeraldApp.ExpectErrorAsync(await herald.GetAsync(service.Key, "/v2/notifications/nope/pdf"), 400, "ValidationError", "notification_id is not a valid UUID");

        // A valid filter that matches nothing, not a contradictory "letter is not one of [sms, email, letter]".
        var list = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/notifications?template_type=letter"), 200);
        Assert.Empty(list.GetProperty("notifications").EnumerateArray());
        var templates = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/templates?type=letter"), 200);
        Assert.Empty(templates.GetProperty("templates").EnumerateArray());
    }
}
