using System.Net.Http.Json;
using System.Text.Json;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Herald.Settings;
using Herald.Notifications;

namespace Herald.Tests.Api;

public sealed class TemplateApiTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Templates_read_back_by_id_version_and_type_and_preview(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: Herald.Settings.HeraldRole.Api);
        var service = await herald.CreateReadyServiceAsync();
        await HeraldApp.ExpectAsync(await herald.Admin.PutAsJsonAsync($"/admin/api/services/{service.Id}/templates/{service.EmailTemplateId}",
            new { body = "Hi ((name)), code ((code)), ((extra??with extra))" }), 200);

        var latest = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/template/{service.EmailTemplateId}"), 200);
        Assert.Equal(2, latest.GetProperty("version").GetInt32());
        Assert.Equal("email", latest.GetProperty("type").GetString());
        Assert.Equal("Code for ((name))", latest.GetProperty("subject").GetString());
        Assert.True(latest.GetProperty("personalisation").GetProperty("extra").GetProperty("required").GetBoolean());
        Assert.Equal(["name", "code", "extra"], latest.GetProperty("personalisation").EnumerateObject().Select(p => p.Name));

        var first = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/template/{service.EmailTemplateId}/version/1"), 200);
        Assert.Equal("Hello ((name)),\n\nYour code is ((code)).", first.GetProperty("body").GetString());
        await HeraldApp.ExpectErrorAsync(await herald.GetAsync(service.Key, $"/v2/template/{service.EmailTemplateId}/version/9"), 404, "NoResultFound", "No result found");
        await HeraldApp.ExpectErrorAsync(await herald.GetAsync(service.Key, $"/v2/template/{Guid.NewGuid()}"), 404, "NoResultFound", "No result found");

        var sms = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/templates?type=sms"), 200);
        Assert.Equal(service.SmsTemplateId, Assert.Single(sms.GetProperty("templates").EnumerateArray()).GetProperty("id").GetGuid());
        var all = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/templates"), 200);
        Assert.Equal(2, all.GetProperty("templates").GetArrayLength());
        await HeraldApp.ExpectErrorAsync(await herald.GetAsync(service.Key, "/v2/templates?type=fax"), 400, "ValidationError", "type fax is not one of [sms, email, letter]");

        var preview = await HeraldApp.ExpectAsync(await herald.PostAsync(service.Key, $"/v2/template/{service.EmailTemplateId}/preview",
            new { personalisation = new { name = "Ada", code = "42", extra = "yes" } }), 200);
        Assert.Equal("Hi Ada, code 42, with extra", preview.GetProperty("body").GetString());
        Assert.Equal("Code for Ada", preview.GetProperty("subject").GetString());
        Assert.Contains("Hi Ada", preview.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, preview.GetProperty("version").GetInt32());

        await HeraldApp.ExpectErrorAsync(await herald.PostAsync(service.Key, $"/v2/template/{service.EmailTemplateId}/preview", new { personalisation = new { name = "Ada" } }),
            400, "BadRequestError", "Missing personalisation: code, extra");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_notifications_template_uri_reads_back_that_template_version(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync();

        var created = await herald.SendEmailAsync(service, "ada@example.com", new { name = "Ada", code = "1" });
        var uri = new Uri(created.GetProperty("template").GetProperty("uri").GetString()!);

        Assert.StartsWith(herald.BaseUrl, uri.ToString(), StringComparison.Ordinal);
        var template = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, uri.PathAndQuery), 200);
        Assert.Equal(service.EmailTemplateId, template.GetProperty("id").GetGuid());
        Assert.Equal(1, template.GetProperty("version").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task An_sms_preview_is_the_template_without_the_service_name_prefix(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database);
        var service = await herald.CreateReadyServiceAsync(); // sms_prefix is on by default

        var preview = await HeraldApp.ExpectAsync(await herald.PostAsync(service.Key, $"/v2/template/{service.SmsTemplateId}/preview",
            new { personalisation = new { code = "42" } }), 200);

        Assert.Equal("Your code is 42", preview.GetProperty("body").GetString());
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Received_texts_are_listed_newest_first(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: Herald.Settings.HeraldRole.Api);
        var service = await herald.CreateReadyServiceAsync();
        await using (var heraldDatabase = new HeraldDatabase(database.Target))
        await using (var context = heraldDatabase.CreateContext())
        {
            for (var i = 0; i < 3; i++)
            {
                context.ReceivedTexts.Add(new Herald.Notifications.ReceivedTextRecord
                {
                    Id = Guid.NewGuid(), ServiceId = service.Id, UserNumber = "447700900123", NotifyNumber = "07700900000",
                    Content = $"reply {i}", CreatedAt = new DateTime(2026, 1, 1, 0, 0, i, DateTimeKind.Utc),
                });
            }

            await context.SaveChangesAsync();
        }

        var body = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, "/v2/received-text-messages"), 200);
        var texts = body.GetProperty("received_text_messages").EnumerateArray().ToList();
        Assert.Equal(["reply 2", "reply 1", "reply 0"], texts.Select(t => t.GetProperty("content").GetString()));
        Assert.Equal(service.Id, texts[0].GetProperty("service_id").GetGuid());
        var older = await HeraldApp.ExpectAsync(await herald.GetAsync(service.Key, $"/v2/received-text-messages?older_than={texts[0].GetProperty("id").GetString()}"), 200);
        Assert.Equal(2, older.GetProperty("received_text_messages").GetArrayLength());
        Assert.Equal(JsonValueKind.String, body.GetProperty("links").GetProperty("current").ValueKind);
    }
}
