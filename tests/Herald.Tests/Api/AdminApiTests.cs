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
}
