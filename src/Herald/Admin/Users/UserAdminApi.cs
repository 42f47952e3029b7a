using System.Text.Json.Serialization;
using Herald.NotifyFormat;

namespace Herald.Admin.Users;

/// <summary>Admin users and their tokens under <c>/admin/api/users</c>: owners only (<see cref="AdminEndpoints.MapAdminGroup"/>).</summary>
public static class UserAdminApi
{
    public static IEndpointRouteBuilder MapUserAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapAdminGroup().WithTags("Users");
        var json = UserAdminJsonContext.Default;
        admin.MapGet("/users", async (UserAdministration a, CancellationToken ct) =>
            TypedResults.Json(new UserListResponse([.. (await a.ListAsync(ct)).Select(Response)]), json.UserListResponse))
            .WithSummary("List admin users").Produces<UserListResponse>();
        admin.MapPost("/users", async (HttpRequest r, UserAdministration a, CancellationToken ct) =>
        {
            var request = await AdminEndpoints.ReadAsync(r, json.CreateUserRequest, ct);
            var role = ParseRole(request.Role, required: true);
            return TypedResults.Json(Response(await a.CreateAsync(request.Email ?? "", request.Name ?? "", role!.Value, request.Password ?? "", ct)), json.UserResponse, statusCode: 201);
        }).WithSummary("Create an admin user").ReadsJson<CreateUserRequest>().Produces<UserResponse>(201);
        admin.MapGet("/users/{id}", async (string id, UserAdministration a, CancellationToken ct) =>
            TypedResults.Json(Response(await a.GetAsync(AdminEndpoints.ParseId(id), ct) ?? throw NotifyApiException.NotFound()), json.UserResponse))
            .WithSummary("Get an admin user").Produces<UserResponse>();
        admin.MapPatch("/users/{id}", async (string id, HttpRequest r, UserAdministration a, CancellationToken ct) =>
        {
            var userId = AdminEndpoints.ParseId(id);
            var request = await AdminEndpoints.ReadAsync(r, json.UpdateUserRequest, ct);
            var role = ParseRole(request.Role, required: false);
            return TypedResults.Json(Response(await a.UpdateAsync(userId, request.Name, role, request.Password, ct)), json.UserResponse);
        }).WithSummary("Change an admin user's name, role or password").ReadsJson<UpdateUserRequest>().Produces<UserResponse>();
        admin.MapDelete("/users/{id}", async (string id, UserAdministration a, CancellationToken ct) =>
        {
            await a.DeleteAsync(AdminEndpoints.ParseId(id), ct);
            return TypedResults.NoContent();
        }).WithSummary("Delete an admin user (not the last owner)");
        admin.MapGet("/users/{id}/tokens", async (string id, UserAdministration a, CancellationToken ct) =>
            TypedResults.Json(new TokenListResponse([.. (await a.ListTokensAsync(AdminEndpoints.ParseId(id), ct)).Select(Response)]), json.TokenListResponse))
            .WithSummary("List a user's admin API tokens").Produces<TokenListResponse>();
        admin.MapPost("/users/{id}/tokens", async (string id, HttpRequest r, UserAdministration a, CancellationToken ct) =>
        {
            var userId = AdminEndpoints.ParseId(id);
            var request = await AdminEndpoints.ReadAsync(r, json.CreateTokenRequest, ct);
            var token = await a.CreateTokenAsync(userId, request.Name ?? "", ct);
            return TypedResults.Json(new TokenCreatedResponse(token.Id, token.Name, token.Secret, Time(token.CreatedAt)), json.TokenCreatedResponse, statusCode: 201);
        }).WithSummary("Create an admin API token for a user (the secret is shown once)").ReadsJson<CreateTokenRequest>().Produces<TokenCreatedResponse>(201);
        admin.MapDelete("/users/{id}/tokens/{tokenId}", async (string id, string tokenId, UserAdministration a, CancellationToken ct) =>
        {
            await a.RevokeTokenAsync(AdminEndpoints.ParseId(id), AdminEndpoints.ParseId(tokenId), ct);
            return TypedResults.NoContent();
        }).WithSummary("Revoke a user's admin API token");
        return endpoints;
    }

    private static AdminRole? ParseRole(string? name, bool required) =>
        name is null
            ? required ? throw NotifyApiException.Validation(["role is a required property"]) : null
            : AdminRoleNames.Parse(name) ?? throw NotifyApiException.Validation([$"role {name} is not one of {AdminRoleNames.Choices}"]);

    private static UserResponse Response(AdminUser u) => new(u.Id, u.Email, u.Name, AdminRoleNames.Name(u.Role), Time(u.CreatedAt));

    private static TokenResponse Response(AdminUserToken t) =>
        new(t.Id, t.Name, Time(t.CreatedAt), t.LastUsedAt is { } used ? Time(used) : null, t.RevokedAt is { } revoked ? Time(revoked) : null);

    private static string Time(DateTimeOffset value) => ApiTime.Format(value.UtcDateTime);
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(CreateUserRequest))]
[JsonSerializable(typeof(UpdateUserRequest))]
[JsonSerializable(typeof(UserResponse))]
[JsonSerializable(typeof(UserListResponse))]
[JsonSerializable(typeof(CreateTokenRequest))]
[JsonSerializable(typeof(TokenListResponse))]
[JsonSerializable(typeof(TokenCreatedResponse))]
internal sealed partial class UserAdminJsonContext : JsonSerializerContext;
