using Herald.Admin.Users;
using System.Reflection;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Herald.Analytics;
using Herald.Api;
using Herald.Callbacks;
using Herald.Facts;
using Herald.Jobs;
using Herald.NotifyFormat;
using Herald.Providers.Capture;
using Herald.Providers.Instances;
using Herald.Pushers;
using Herald.Retention;
using Herald.Search;
using Herald.Queue;
using Herald.Services;
using Herald.Templates;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Scalar.AspNetCore;

namespace Herald.Reference;

/// <summary>
/// The API reference: two OpenAPI documents, <c>notify</c> (the <c>/v2</c> routes, push included)
/// and <c>admin</c> (<c>/admin/api</c>), at <c>/openapi/{name}.json</c>, and a Scalar page at
/// <c>/reference</c> that loads only the script Scalar.AspNetCore serves itself.
/// </summary>
public static class ApiReference
{
    public const string NotifyDocument = "notify";
    public const string AdminDocument = "admin";
    public const string DocumentPattern = "/openapi/{documentName}.json";
    public const string PagePath = "/reference";

    /// <summary>The JSON contexts the documented routes read and write with.</summary>
    private static readonly JsonSerializerContext[] WireFormats =
    [
        ApiJsonContext.Default, PushJsonContext.Default, ServiceAdminJsonContext.Default, TemplateAdminJsonContext.Default,
        CallbackAdminJsonContext.Default, ProviderAdminJsonContext.Default, InboxJsonContext.Default, QueueAdminJsonContext.Default,
        UserAdminJsonContext.Default, RetentionJsonContext.Default, FactsJsonContext.Default, SearchJsonContext.Default,
        JobsJsonContext.Default, AnalyticsJsonContext.Default,
    ];

    private static readonly ApiDocument Notify = new(
        NotifyDocument, "v2/", "Herald: the Notify-compatible API",
        "GOV.UK Notify's `/v2` API for email and SMS, which official Notify clients use unchanged, and Herald's per-user pushers under `/v2/push`. Errors answer in Notify's format: `status_code` and a list of `errors`.",
        new("notify_jwt", "JWT",
            "A JWT signed with HS256: the API key's secret signs `{\"iss\": SERVICE_ID, \"iat\": NOW}` (seconds; within 30 s of Herald's clock). A key looks like `name-SERVICE_ID-SECRET`; Notify's clients make the token themselves."));

    private static readonly ApiDocument Admin = new(
        AdminDocument, "admin/api/", "Herald: the admin API",
        "Services, their API keys and templates, bulk jobs, callbacks, provider instances, the capture inbox and the queue's dead items. Errors answer in Notify's format.",
        new("admin_token", null,
            "The admin token: `HERALD_ADMIN_TOKEN`, or the file `{Data}/admin-token` Herald writes on first start."));

    public static IHostApplicationBuilder AddApiReference(this IHostApplicationBuilder builder)
    {
        foreach (var document in new[] { Notify, Admin })
        {
            builder.Services.AddOpenApi(document.Name, o =>
            {
                o.ShouldInclude = d => d.RelativePath?.StartsWith(document.PathPrefix, StringComparison.Ordinal) == true;
                o.AddDocumentTransformer((openApi, _, _) => Describe(openApi, document));
                o.AddOperationTransformer(DescribeBodiesAsync);
                o.AddSchemaTransformer(UseWireFormat);
            });
        }

        return builder;
    }

    public static WebApplication MapApiReference(this WebApplication app)
    {
        app.MapOpenApi(DocumentPattern);
        app.MapScalarApiReference(PagePath, o => o
            .WithTitle("Herald API reference")
            .WithOpenApiRoutePattern(DocumentPattern)
            .AddDocument(Notify.Name, "Notify-compatible API (/v2)", isDefault: true)
            .AddDocument(Admin.Name, "Admin API (/admin/api)")
            // Nothing from elsewhere: Herald may run where only its own address is reachable.
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
        return app;
    }

    /// <summary>
    /// The documents' schemas come from ASP.NET's default JSON options (camelCase, numbers also read
    /// from strings); the routes write with their feature's own context instead. Each schema is
    /// given the names that context writes (snake_case), and numbers only as numbers, as the
    /// routes read them.
    /// </summary>
    private static Task UseWireFormat(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken ct)
    {
        NumbersOnly(schema);
        foreach (var property in schema.Properties?.Values ?? [])
        {
            NumbersOnly(property);
        }

        if (schema.Properties is not { Count: > 0 } properties || context.JsonTypeInfo.Kind != JsonTypeInfoKind.Object
            || WireFormats.Select(c => c.GetTypeInfo(context.JsonTypeInfo.Type)).FirstOrDefault(t => t is not null) is not { } wire)
        {
            return Task.CompletedTask;
        }

        var wireNames = wire.Properties.Where(p => p.AttributeProvider is MemberInfo).ToDictionary(p => ((MemberInfo)p.AttributeProvider!).Name, p => p.Name, StringComparer.Ordinal);
        var renames = context.JsonTypeInfo.Properties
            .Where(p => p.AttributeProvider is MemberInfo m && wireNames.ContainsKey(m.Name))
            .ToDictionary(p => p.Name, p => wireNames[((MemberInfo)p.AttributeProvider!).Name], StringComparer.Ordinal);
        schema.Properties = properties.ToDictionary(p => renames.GetValueOrDefault(p.Key, p.Key), p => p.Value, StringComparer.Ordinal);
        if (schema.Required is { Count: > 0 } required)
        {
            schema.Required = required.Select(r => renames.GetValueOrDefault(r, r)).ToHashSet(StringComparer.Ordinal);
        }

        return Task.CompletedTask;
    }

    private static void NumbersOnly(IOpenApiSchema schema)
    {
        if (schema is OpenApiSchema { Type: { } type } number && type.HasFlag(JsonSchemaType.String)
            && (type.HasFlag(JsonSchemaType.Integer) || type.HasFlag(JsonSchemaType.Number)))
        {
            number.Type = type & ~JsonSchemaType.String;
            number.Pattern = null;
        }
    }

    private static Task Describe(OpenApiDocument openApi, ApiDocument document)
    {
        var version = typeof(ApiReference).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0];
        openApi.Info = new OpenApiInfo { Title = document.Title, Description = document.Description, Version = version ?? "unknown" };
        var scheme = document.Scheme;
        openApi.Components ??= new OpenApiComponents();
        openApi.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        openApi.Components.SecuritySchemes[scheme.Name] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = scheme.BearerFormat, Description = scheme.Description,
        };
        openApi.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme.Name, openApi)] = [] }];
        return Task.CompletedTask;
    }

    /// <summary>
    /// The JSON a route reads itself (<see cref="JsonBodyShape"/>), and the refusals every route
    /// shares, in Notify's error format.
    /// </summary>
    private static async Task DescribeBodiesAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        var description = context.Description;
        if (description.ActionDescriptor.EndpointMetadata.OfType<JsonBodyShape>().FirstOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Type, null, ct) },
                },
            };
        }

        var error = await context.GetOrCreateSchemaAsync(typeof(NotifyErrorBody), null, ct);
        operation.Responses ??= [];
        foreach (var (status, meaning) in Refusals(description))
        {
            operation.Responses.TryAdd(status, new OpenApiResponse
            {
                Description = meaning,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/json"] = new() { Schema = error } },
            });
        }
    }

    private static IEnumerable<(string Status, string Meaning)> Refusals(ApiDescription description)
    {
        yield return ("400", "The request is invalid (every problem listed)");
        yield return ("401", "No bearer token");
        yield return ("403", "The token is invalid, expired or revoked");
        if (description.ParameterDescriptions.Any(p => p.Source == BindingSource.Path))
        {
            yield return ("404", "Not found");
        }

        if (description.HttpMethod == "POST" && description.RelativePath is "v2/notifications/email" or "v2/notifications/sms")
        {
            yield return ("429", "Over the service's rate limit or daily limit");
        }
    }

    private sealed record ApiDocument(string Name, string PathPrefix, string Title, string Description, SecurityScheme Scheme);

    private sealed record SecurityScheme(string Name, string? BearerFormat, string Description);
}
