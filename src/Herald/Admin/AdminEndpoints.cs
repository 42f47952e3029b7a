using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Herald.Admin.Users;
using Herald.NotifyFormat;

namespace Herald.Admin;

/// <summary>
/// What every feature's admin endpoints share: the <c>/admin/api</c> group behind the admin bearer
/// token, and reading bodies, ids and limits with refusals in Notify's error format.
/// </summary>
public static class AdminEndpoints
{
    /// <summary>Most items an admin listing answers with (dead items, the inbox).</summary>
    public const int MaxListed = 500;

    /// <summary>
    /// The <c>/admin/api</c> group; each feature maps its endpoints into it from its own folder. Its
    /// filter lets in the admin token (an owner) and a user's token (that user's role), and refuses a
    /// role below what the request needs (<see cref="RequiredRole"/>). The caller is then
    /// <see cref="AdminCaller.Of"/> the request.
    /// </summary>
    public static RouteGroupBuilder MapAdminGroup(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGroup("/admin/api").AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var caller = await AuthenticateAsync(http);
            var required = RequiredRole(http.Request);
            if (caller.Role < required)
            {
                throw NotifyApiException.Auth(403,
                    $"Forbidden: this needs the {AdminRoleNames.Name(required)} role; the token's user is {AdminRoleNames.Name(caller.Role)}");
            }

            caller.AttachTo(http);
            return await next(context);
        });

    /// <summary>Reading needs a viewer, any change an editor, and anything about users an owner.</summary>
    public static AdminRole RequiredRole(HttpRequest request) =>
        request.Path.StartsWithSegments("/admin/api/users", StringComparison.OrdinalIgnoreCase) ? AdminRole.Owner
        : HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? AdminRole.Viewer
        : AdminRole.Editor;

    private static async Task<AdminCaller> AuthenticateAsync(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            throw NotifyApiException.Auth(401, "Unauthorized: admin token must be provided as a bearer token");
        }

        var presented = header["Bearer ".Length..].Trim();

        // The admin token costs no query; only what looks like a user's token is looked up.
        if (http.RequestServices.GetRequiredService<AdminToken>().Matches(presented))
        {
            return AdminCaller.AdminToken;
        }

        var user = await http.RequestServices.GetRequiredService<UserAdministration>().FindByTokenAsync(presented, http.RequestAborted);
        return user is not null ? new AdminCaller(user, user.Role) : throw NotifyApiException.Auth(403, "Invalid admin token");
    }

    /// <summary>
    /// A <c>limit</c> query value, bound here rather than by the framework, whose refusal of
    /// <c>limit=x</c> was a bare 400 outside Notify's error format.
    /// </summary>
    public static int? ParseLimit(string? text) =>
        string.IsNullOrEmpty(text) ? null
        : int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var limit) && limit is >= 1 and <= MaxListed ? limit
        : throw NotifyApiException.Validation([$"limit must be between 1 and {MaxListed}"]);

    public static Guid ParseId(string value) =>
        Guid.TryParseExact(value, "D", out var id) ? id : throw NotifyApiException.NotFound();

    public static async Task<T> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var document = await RequestJson.ReadAsync(request, InvalidJson, ct);
        return Deserialize(document, type);
    }

    private const string InvalidJson = "Invalid JSON supplied in request body";

    private static T Deserialize<T>(JsonDocument document, JsonTypeInfo<T> type)
    {
        try
        {
            return document.Deserialize(type) ?? throw NotifyApiException.BadRequest(InvalidJson);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 2 } path ? path[2..] : null;
            if (field is not null && ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
            {
                throw NotifyApiException.Validation([$"Additional properties are not allowed ({field} was unexpected)"]);
            }

            if (field is not null && ex.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
            {
                throw NotifyApiException.Validation([$"{field} has the wrong type"]);
            }

            throw NotifyApiException.BadRequest(InvalidJson);
        }
    }
}
