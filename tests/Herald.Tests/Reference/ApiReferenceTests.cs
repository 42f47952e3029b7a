using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Herald.Storage;
using Herald.Tests.Fixtures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Herald.Tests.Reference;

public sealed partial class ApiReferenceTests
{
    [Fact]
    public async Task The_notify_document_describes_every_v2_route_with_the_jwt_scheme()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var herald = await HeraldApp.StartAsync(database);

        using var document = await DocumentAsync(herald, "notify");
        var root = document.RootElement;

        Assert.Equal(Routes(herald, "/v2/"), Operations(root));
        AssertEveryOperationHasTagAndSummary(root);
        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("notify_jwt");
        Assert.Equal("http", scheme.GetProperty("type").GetString());
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.Equal("JWT", scheme.GetProperty("bearerFormat").GetString());
        Assert.True(root.GetProperty("security")[0].TryGetProperty("notify_jwt", out _));

        // The shapes are the wire's: snake_case, as the handlers read and write them.
        var send = root.GetProperty("paths").GetProperty("/v2/notifications/email").GetProperty("post");
        var body = send.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.Equal(["email_address", "template_id"], body.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
        Assert.True(body.GetProperty("properties").TryGetProperty("personalisation", out _));
        Assert.Equal("#/components/schemas/EmailCreatedResponse", ResponseSchemaRef(send, "201"));
        var error = send.GetProperty("responses").GetProperty("400").GetProperty("content").GetProperty("application/json").GetProperty("schema");
        Assert.True(error.GetProperty("properties").TryGetProperty("status_code", out _));
        Assert.True(send.GetProperty("responses").TryGetProperty("429", out _));

        var notification = root.GetProperty("components").GetProperty("schemas").GetProperty("NotificationResponse").GetProperty("properties");
        Assert.True(notification.TryGetProperty("email_address", out _));
        Assert.True(notification.TryGetProperty("line_1", out _));
        Assert.Equal("#/components/schemas/NotificationResponse", ResponseSchemaRef(root.GetProperty("paths").GetProperty("/v2/notifications/{id}").GetProperty("get"), "200"));
        Assert.Equal("#/components/schemas/TemplateListResponse", ResponseSchemaRef(root.GetProperty("paths").GetProperty("/v2/templates").GetProperty("get"), "200"));
        Assert.Contains("Push", root.GetProperty("paths").GetProperty("/v2/push/events").GetProperty("post").GetProperty("tags").EnumerateArray().Select(t => t.GetString()));
    }

    [Fact]
    public async Task The_admin_document_describes_every_admin_route_with_the_admin_token_scheme()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var herald = await HeraldApp.StartAsync(database);

        using var document = await DocumentAsync(herald, "admin");
        var root = document.RootElement;

        Assert.Equal(Routes(herald, "/admin/api/"), Operations(root));
        AssertEveryOperationHasTagAndSummary(root);
        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("admin_token");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        Assert.True(root.GetProperty("security")[0].TryGetProperty("admin_token", out _));

        var paths = root.GetProperty("paths");
        var createService = paths.GetProperty("/admin/api/services").GetProperty("post");
        Assert.True(createService.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("properties").TryGetProperty("email_from", out _));
        Assert.Equal("#/components/schemas/ServiceResponse", ResponseSchemaRef(createService, "201"));
        Assert.Equal("#/components/schemas/ApiKeyCreatedResponse", ResponseSchemaRef(paths.GetProperty("/admin/api/services/{id}/api-keys").GetProperty("post"), "201"));
        Assert.Equal("#/components/schemas/AdminTemplateResponse", ResponseSchemaRef(paths.GetProperty("/admin/api/services/{id}/templates").GetProperty("post"), "201"));
        var rateLimit = root.GetProperty("components").GetProperty("schemas").GetProperty("ServiceResponse").GetProperty("properties").GetProperty("rate_limit");
        Assert.Equal("integer", rateLimit.GetProperty("type").GetString());
    }

    [Fact]
    public async Task The_reference_page_loads_only_scripts_that_Herald_serves()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var herald = await HeraldApp.StartAsync(database);

        var page = await herald.Http.GetAsync(new Uri("/reference", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var html = await page.Content.ReadAsStringAsync();

        var urls = ResourceUrl().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.NotEmpty(urls);
        Assert.All(urls, url => Assert.False(Uri.TryCreate(url, UriKind.Absolute, out var absolute) && absolute.Scheme != "file",
            $"{url} is loaded from elsewhere"));
        // Nor anywhere else on the page: no font host, proxy or telemetry address in its configuration.
        Assert.DoesNotContain("://", html, StringComparison.Ordinal);

        var pageUri = page.RequestMessage!.RequestUri!;
        foreach (var script in ScriptSource().Matches(html).Select(m => m.Groups["url"].Value))
        {
            var served = await herald.Http.GetAsync(new Uri(pageUri, script));
            Assert.True(served.StatusCode == HttpStatusCode.OK, $"{script} answered {(int)served.StatusCode}");
        }

        // Scalar's script resolves the documents against the site's base, not the page's folder.
        var documents = DocumentSource().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.Equal(["openapi/notify.json", "openapi/admin.json"], documents);
        foreach (var document in documents)
        {
            Assert.Equal(HttpStatusCode.OK, (await herald.Http.GetAsync(new Uri(document, UriKind.Relative))).StatusCode);
        }
    }

    private static async Task<JsonDocument> DocumentAsync(HeraldApp herald, string name)
    {
        var response = await herald.Http.GetAsync(new Uri($"/openapi/{name}.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Every mapped route under the prefix, as "METHOD /path".</summary>
    private static List<string> Routes(HeraldApp herald, string prefix) =>
        [.. herald.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => ("/" + e.RoutePattern.RawText!.TrimStart('/')).StartsWith(prefix, StringComparison.Ordinal))
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} /{e.RoutePattern.RawText!.TrimStart('/')}"))
            .Order(StringComparer.Ordinal)];

    private static List<string> Operations(JsonElement document) =>
        [.. document.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(o => $"{o.Name.ToUpperInvariant()} {p.Name}"))
            .Order(StringComparer.Ordinal)];

    private static void AssertEveryOperationHasTagAndSummary(JsonElement document)
    {
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            foreach (var operation in path.Value.EnumerateObject())
            {
                var what = $"{operation.Name.ToUpperInvariant()} {path.Name}";
                Assert.True(operation.Value.TryGetProperty("summary", out var summary) && summary.GetString()!.Length > 0, $"{what} has no summary");
                Assert.True(operation.Value.TryGetProperty("tags", out var tags) && tags.GetArrayLength() > 0, $"{what} has no tag");
            }
        }
    }

    private static string? ResponseSchemaRef(JsonElement operation, string status) =>
        operation.GetProperty("responses").GetProperty(status).GetProperty("content").GetProperty("application/json").GetProperty("schema").GetProperty("$ref").GetString();

    [GeneratedRegex("""(?:src|href)\s*=\s*["'](?<url>[^"']+)["']|import[^'"]*from\s*['"](?<url>[^'"]+)['"]""", RegexOptions.IgnoreCase)]
    private static partial Regex ResourceUrl();

    [GeneratedRegex("""<script[^>]*\ssrc\s*=\s*["'](?<url>[^"']+)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptSource();

    [GeneratedRegex(@"""url""\s*:\s*""(?<url>[^""]+)""")]
    private static partial Regex DocumentSource();
}
