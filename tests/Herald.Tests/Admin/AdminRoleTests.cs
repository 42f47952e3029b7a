using System.Net.Http.Headers;
using System.Net.Http.Json;
using Herald.Settings;
using Herald.Storage;
using Herald.Tests.Fixtures;

namespace Herald.Tests.Admin;

/// <summary>The admin API by users' tokens: a viewer reads, an editor changes, an owner manages users.</summary>
public sealed class AdminRoleTests
{
    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Each_role_may_do_what_it_allows_and_no_more(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var viewer = await UserTokenAsync(herald, "viewer");
        var editor = await UserTokenAsync(herald, "editor");
        var owner = await UserTokenAsync(herald, "owner");

        await HeraldApp.ExpectAsync(await SendAsync(herald, viewer, HttpMethod.Get, "/admin/api/services"), 200);
        await HeraldApp.ExpectErrorAsync(await SendAsync(herald, viewer, HttpMethod.Post, "/admin/api/services", new { name = "By a viewer" }), 403, "AuthError",
            "Forbidden: this needs the editor role; the token's user is viewer");
        await HeraldApp.ExpectErrorAsync(await SendAsync(herald, viewer, HttpMethod.Get, "/admin/api/users"), 403, "AuthError",
            "Forbidden: this needs the owner role; the token's user is viewer");

        await HeraldApp.ExpectAsync(await SendAsync(herald, editor, HttpMethod.Post, "/admin/api/services", new { name = "By an editor" }), 201);
        await HeraldApp.ExpectErrorAsync(await SendAsync(herald, editor, HttpMethod.Get, "/admin/api/users"), 403, "AuthError",
            "Forbidden: this needs the owner role; the token's user is editor");
        await HeraldApp.ExpectErrorAsync(await SendAsync(herald, editor, HttpMethod.Post, "/admin/api/users", new { email = "x@example.org", name = "X", role = "owner", password = "long enough password" }),
            403, "AuthError", "Forbidden: this needs the owner role; the token's user is editor");

        var users = await HeraldApp.ExpectAsync(await SendAsync(herald, owner, HttpMethod.Get, "/admin/api/users"), 200);
        Assert.Equal(3, users.GetProperty("users").GetArrayLength());
        await HeraldApp.ExpectAsync(await SendAsync(herald, owner, HttpMethod.Post, "/admin/api/services", new { name = "By an owner" }), 201);
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task A_revoked_token_and_a_deleted_users_token_are_refused(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api);
        var revoked = await UserTokenAsync(herald, "editor");
        var deleted = await UserTokenAsync(herald, "viewer");
        await HeraldApp.ExpectAsync(await SendAsync(herald, revoked.Secret, HttpMethod.Get, "/admin/api/services"), 200);

        await HeraldApp.ExpectAsync(await herald.Admin.DeleteAsync(new Uri($"/admin/api/users/{revoked.UserId}/tokens/{revoked.TokenId}", UriKind.Relative)), 204);
        await HeraldApp.ExpectAsync(await herald.Admin.DeleteAsync(new Uri($"/admin/api/users/{deleted.UserId}", UriKind.Relative)), 204);

        await HeraldApp.ExpectErrorAsync(await SendAsync(herald, revoked.Secret, HttpMethod.Get, "/admin/api/services"), 403, "AuthError", "Invalid admin token");
        await HeraldApp.ExpectErrorAsync(await SendAsync(herald, deleted.Secret, HttpMethod.Get, "/admin/api/services"), 403, "AuthError", "Invalid admin token");
    }

    [Theory]
    [MemberData(nameof(Backends.All), MemberType = typeof(Backends))]
    public async Task Users_and_their_tokens_are_managed_through_the_admin_api(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var herald = await HeraldApp.StartAsync(database, role: HeraldRole.Api);

        var created = await HeraldApp.ExpectAsync(await herald.Admin.PostAsJsonAsync("/admin/api/users",
            new { email = " Grace@Example.org", name = "Grace", role = "owner", password = "a long enough password" }), 201);
        var id = created.GetProperty("id").GetGuid();
        Assert.Equal("grace@example.org", created.GetProperty("email").GetString());
        Assert.Equal("owner", created.GetProperty("role").GetString());
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PostAsJsonAsync("/admin/api/users", new { email = "g@example.org", name = "G", role = "boss", password = "a long enough password" }),
            400, "ValidationError", "role boss is not one of [viewer, editor, owner]");

        var patched = await HeraldApp.ExpectAsync(await herald.Admin.PatchAsJsonAsync($"/admin/api/users/{id}", new { name = "Grace Hopper" }), 200);
        Assert.Equal("Grace Hopper", patched.GetProperty("name").GetString());
        await HeraldApp.ExpectErrorAsync(await herald.Admin.PatchAsJsonAsync($"/admin/api/users/{id}", new { role = "viewer" }), 400, "ValidationError",
            "role: this is the last owner; make another user owner before changing this one's role");
        Assert.Equal("Grace Hopper", (await HeraldApp.ExpectAsync(await herald.Admin.GetAsync(new Uri($"/admin/api/users/{id}", UriKind.Relative)), 200)).GetProperty("name").GetString());

        var token = await HeraldApp.ExpectAsync(await herald.Admin.PostAsJsonAsync($"/admin/api/users/{id}/tokens", new { name = "ci" }), 201);
        var secret = token.GetProperty("token").GetString()!;
        var listed = await HeraldApp.ExpectAsync(await SendAsync(herald, secret, HttpMethod.Get, $"/admin/api/users/{id}/tokens"), 200);
        var only = Assert.Single(listed.GetProperty("tokens").EnumerateArray());
        Assert.Equal("ci", only.GetProperty("name").GetString());
        Assert.False(only.TryGetProperty("token", out _));

        await HeraldApp.ExpectErrorAsync(await herald.Admin.DeleteAsync(new Uri($"/admin/api/users/{id}", UriKind.Relative)), 400, "ValidationError",
            "This is the last owner and cannot be deleted; make another user owner first");
        await HeraldApp.ExpectAsync(await herald.Admin.GetAsync(new Uri($"/admin/api/users/{Guid.NewGuid()}", UriKind.Relative)), 404);
    }

    private sealed record UserToken(Guid UserId, Guid TokenId, string Secret);

    private static async Task<UserToken> UserTokenAsync(HeraldApp herald, string role)
    {
        var user = await HeraldApp.ExpectAsync(await herald.Admin.PostAsJsonAsync("/admin/api/users",
            new { email = $"{role}-{Guid.NewGuid():N}@example.org", name = role, role, password = "a long enough password" }), 201);
        var userId = user.GetProperty("id").GetGuid();
        var token = await HeraldApp.ExpectAsync(await herald.Admin.PostAsJsonAsync($"/admin/api/users/{userId}/tokens", new { name = "test" }), 201);
        return new UserToken(userId, token.GetProperty("id").GetGuid(), token.GetProperty("token").GetString()!);
    }

    private static Task<HttpResponseMessage> SendAsync(HeraldApp herald, UserToken token, HttpMethod method, string path, object? body = null) =>
        SendAsync(herald, token.Secret, method, path, body);

    private static Task<HttpResponseMessage> SendAsync(HeraldApp herald, string token, HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return herald.Http.SendAsync(request);
    }
}
