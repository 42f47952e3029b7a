using System.Net.Http.Json;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Api;

/// <summary>PATCH /admin/api/services/{id}: only the settings given change, checked as creation checks them.</summary>
public sealed class ServiceUpdateTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_patch_changes_only_the_settings_given_and_refuses_bad_ones(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var created = await herald.CreateServiceAsync(new { name = "Before", restricted = true, email_from = "from@example.org", rate_limit = 50 });
        var id = created.GetProperty("id").GetGuid();

        var patched = await HeraldApp.ExpectAsync(await herald.Admin.PatchAsJsonAsync($"/admin/api/services/{id}",
            new { name = " After ", restricted = false, sms_daily_limit = 10, sms_prefix = false }), 200);
        Assert.Equal("After", patched.GetProperty("name").GetString());
        Assert.False(patched.GetProperty("restricted").GetBoolean());
        Assert.Equal(10, patched.GetProperty("sms_daily_limit").GetInt32());
        Assert.False(patched.GetProperty("sms_prefix").GetBoolean());
        Assert.Equal(50, patched.GetProperty("rate_limit").GetInt32());
        Assert.Equal("from@example.org", patched.GetProperty("email_from").GetString());

        var cleared = await HeraldApp.ExpectAsync(await herald.Admin.PatchAsJsonAsync($"/admin/api/services/{id}", new { email_from = "" }), 200);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("email_from").ValueKind);

        await HeraldApp.ExpectErrorAsync(await herald.Admin.PatchAsJsonAsync($"/admin/api/services/{id}", new { name = " " }), 400, "ValidationError", "name is a required property");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PatchAsJsonAsync($"/admin/api/services/{id}", new { rate_limit = 0 }), 400, "ValidationError", "rate_limit must be at least 1");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PatchAsJsonAsync($"/admin/api/services/{id}", new { email_daily_limit = -1 }), 400, "ValidationError", "email_daily_limit must not be negative");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PatchAsJsonAsync($"/admin/api/services/{id}", new { email_from = "nope" }), 400, "ValidationError", "email_from Not a valid email address");
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PatchAsJsonAsync($"/admin/api/services/{id}", new { colour = "red" }), 400, "ValidationError",
            "Additional properties are not allowed (colour was unexpected)");
        await HeraldApp.ExpectAsync(await herald.Admin.PatchAsJsonAsync($"/admin/api/services/{Guid.NewGuid()}", new { name = "x" }), 404);

        var read = await HeraldApp.ExpectAsync(await herald.Admin.GetAsync(new Uri($"/admin/api/services/{id}", UriKind.Relative)), 200);
        Assert.Equal("After", read.GetProperty("name").GetString());
        Assert.Equal(50, read.GetProperty("rate_limit").GetInt32());
    }
}
