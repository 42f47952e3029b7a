using System.Net.Http.Json;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Herald.Settings;

namespace Herald.Tests.Api;

public sealed class AdminApiTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task The_admin_api_needs_its_token_and_refuses_bad_input(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: Herald.Settings.HeraldRole.Api);

        await HeraldApp.ExpectErrorAsync(await herald.Http.GetAsync(new Uri("/admin/api/services", UriKind.Relative)), 401, "AuthError", "Unauthorized: admin token must be provided as a bearer token");
        using var wrong = new HttpRequestMessage(HttpMethod.Get, "/admin/api/services");
        wrong.Headers.Authorization = new("Bearer", "wrong");
        await HeraldApp.ExpectErrorAsync(await herald.Http.SendAsync(wrong), 403, "AuthError", "Invalid admin token");

        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync("/admin/api/services", new { restricted = true }), 400, "ValidationError", "name is a required property");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync("/admin/api/services", new { name = "x", colour = "red" }),
            400, "ValidationError", "Additional properties are not allowed (colour was unexpected)");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync("/admin/api/services", new { name = "x", restricted = "maybe" }),
            400, "ValidationError", "restricted has the wrong type");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsync(new Uri("/admin/api/services", UriKind.Relative), new StringContent("{", System.Text.Encoding.UTF8, "application/json")),
            400, "BadRequestError", "Invalid JSON supplied in request body");

        var service = await herald.CreateServiceAsync(new { name = "Admin test" });
        var id = service.GetProperty("id").GetGuid();
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync($"/admin/api/services/{id}/templates", new { name = "t", type = "fax", body = "b" }),
            400, "ValidationError", "type fax is not one of [email, sms]");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync($"/admin/api/services/{id}/templates", new { name = "t", type = "email", body = "b" }),
            400, "ValidationError", "subject is a required property for email templates");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync($"/admin/api/services/{id}/api-keys", new { name = "k", key_type = "admin" }),
            400, "ValidationError", "key_type admin is not one of [normal, team, test]");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync($"/admin/api/services/{id}/members", new { phone_number = "abc" }),
            400, "ValidationError", "phone_number Must not contain letters or symbols");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync($"/admin/api/services/{Guid.NewGuid()}/api-keys", new { name = "k", key_type = "normal" }),
            404, "NoResultFound", "No result found");

        var listed = await HeraldApp.ExpectAsync(await herald.Admin.GetAsync(new Uri("/admin/api/services", UriKind.Relative)), 200);
        Assert.Equal("Admin test", Assert.Single(listed.GetProperty("services").EnumerateArray()).GetProperty("name").GetString());
    }

    /// <summary>Strings longer than their column, or text the database cannot store, were 500s on PostgreSQL.</summary>
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Strings_that_do_not_fit_their_column_or_cannot_be_stored_are_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: Herald.Settings.HeraldRole.Api);
        var id = (await herald.CreateServiceAsync(new { name = "Lengths" })).GetProperty("id").GetGuid();
        var tooLong = new string('n', 300);
        const string refused = "is not valid text: it has invalid UTF-8, a lone surrogate or a NUL character";

        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync($"/admin/api/services/{id}/templates", new { name = tooLong, type = "sms", body = "b" }),
            400, "ValidationError", "name is too long (255 characters at most)");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync($"/admin/api/services/{id}/templates", new { name = "n", type = "email", subject = new string('s', 1001), body = "b" }),
            400, "ValidationError", "subject is too long (1000 characters at most)");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync($"/admin/api/services/{id}/api-keys", new { name = tooLong, key_type = "normal" }),
            400, "ValidationError", "name is too long (255 characters at most)");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync("/admin/api/services", new { name = "x", sms_sender = new string('7', 30) }),
            400, "ValidationError", "sms_sender must be 1 to 11 letters or digits, or a phone number");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsync(new Uri("/admin/api/services", UriKind.Relative),
            new StringContent("{\"name\":\"a\\u0000b\"}", System.Text.Encoding.UTF8, "application/json")), 400, "ValidationError", $"name {refused}");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsync(new Uri($"/admin/api/services/{id}/templates", UriKind.Relative),
            new StringContent("{\"name\":\"t\",\"type\":\"sms\",\"body\":\"\\ud800\"}", System.Text.Encoding.UTF8, "application/json")), 400, "ValidationError", $"body {refused}");

        var templates = await HeraldApp.ExpectAsync(await herald.Admin.GetAsync(new Uri($"/admin/api/services/{id}/templates", UriKind.Relative)), 200);
        Assert.Empty(templates.GetProperty("templates").EnumerateArray());
        var services = await HeraldApp.ExpectAsync(await herald.Admin.GetAsync(new Uri("/admin/api/services", UriKind.Relative)), 200);
        Assert.Single(services.GetProperty("services").EnumerateArray());
    }
}
