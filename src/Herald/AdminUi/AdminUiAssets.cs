using System.Collections.Frozen;
using System.Reflection;

namespace Herald.AdminUi;

/// <summary>
/// The UI's stylesheet and scripts, embedded in the binary (no CDN, nothing to deploy beside it)
/// and served from <c>/admin/assets/{name}</c>.
/// </summary>
internal static class AdminUiAssets
{
    private const string ResourcePrefix = "Herald.AdminUi.Assets.";

    private static readonly FrozenDictionary<string, (byte[] Content, string ContentType)> Files = Load();

    public static void MapAdminUiAssets(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(AdminUiRegistration.Path + "/assets/{name}", (string name, HttpContext http) =>
        {
            if (!Files.TryGetValue(name, out var file))
            {
                return Results.NotFound();
            }

            http.Response.Headers.CacheControl = "public, max-age=3600";
            return Results.Bytes(file.Content, file.ContentType);
        }).AllowAnonymous();

    private static FrozenDictionary<string, (byte[], string)> Load()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[ResourcePrefix.Length..];
            files[name] = (copy.ToArray(), ContentType(name));
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentType(string name) =>
        name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8"
        : name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8"
        : name.EndsWith(".svg", StringComparison.Ordinal) ? "image/svg+xml"
        : "application/octet-stream";
}
