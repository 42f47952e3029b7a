using System.Text.Json;
using Herald.Idempotency;
using Herald.Notifications;
using Herald.Services;
using Herald.Templates;
using Herald.NotifyFormat;

namespace Herald.Api;

/// <summary>The Notify-compatible <c>/v2</c> routes. Handlers bind, call one class, answer.</summary>
public static class NotifyApi
{
    public static WebApplication MapNotifyApi(this WebApplication app)
    {
        var v2 = app.MapGroup("/v2");
        v2.MapPost("/notifications/email", (HttpContext http, NotifyRequestContext api, CancellationToken ct) => SendAsync(http, api, TemplateType.Email, ct))
            .WithTags("Notifications").WithSummary("Send an email").WithDescription(IdempotentSend.Description).ReadsJson<SendEmailBody>().Produces<EmailCreatedResponse>(StatusCodes.Status201Created);
        v2.MapPost("/notifications/sms", (HttpContext http, NotifyRequestContext api, CancellationToken ct) => SendAsync(http, api, TemplateType.Sms, ct))
            .WithTags("Notifications").WithSummary("Send a text message").WithDescription(IdempotentSend.Description).ReadsJson<SendSmsBody>().Produces<SmsCreatedResponse>(StatusCodes.Status201Created);
        v2.MapPost("/notifications/letter", RefuseLetterAsync)
            .WithTags("Notifications").WithSummary("Send a letter").WithDescription("Refused: Herald sends no letters, so every service is answered as Notify answers one without the letter permission.");
        v2.MapGet("/notifications/{id}", GetNotificationAsync)
            .WithTags("Notifications").WithSummary("Get a notification's status").Produces<NotificationResponse>();
        v2.MapGet("/notifications/{id}/pdf", LetterPdfAsync)
            .WithTags("Notifications").WithSummary("Get a letter's PDF").WithDescription("Refused: with no letters, a notification that exists is not one.");
        v2.MapGet("/notifications", ListNotificationsAsync)
            .WithTags("Notifications").WithSummary("List notifications")
            .WithDescription("Newest first, a page at a time. Query: `template_type` (email, sms, letter), `status` (repeatable or comma-separated; `failed` means every failure), `reference`, `older_than` (a notification id: the page after it), `include_jobs`.")
            .Produces<NotificationListResponse>();

        v2.MapGet("/template/{id}", (HttpRequest request, string id, NotifyRequestContext api, CancellationToken ct) => GetTemplateAsync(request, id, null, api, ct))
            .WithTags("Templates").WithSummary("Get a template").Produces<TemplateResponse>();
        v2.MapGet("/template/{id}/version/{version}", (HttpRequest request, string id, string version, NotifyRequestContext api, CancellationToken ct) => GetTemplateAsync(request, id, version, api, ct))
            .WithTags("Templates").WithSummary("Get a version of a template").Produces<TemplateResponse>();
        v2.MapGet("/templates", ListTemplatesAsync)
            .WithTags("Templates").WithSummary("List templates").WithDescription("Query: `type` (email, sms, letter) to list one type.").Produces<TemplateListResponse>();
        v2.MapPost("/template/{id}/preview", PreviewAsync)
            .WithTags("Templates").WithSummary("Preview a template with personalisation").ReadsJson<TemplatePreviewBody>().Produces<TemplatePreviewResponse>();
        v2.MapGet("/received-text-messages", ReceivedTextsAsync)
            .WithTags("Received text messages").WithSummary("List received text messages")
            .WithDescription("Newest first, a page at a time. Query: `older_than` (a received text's id: the page after it).").Produces<ReceivedTextsResponse>();
        return app;
    }

    private static async Task<IResult> SendAsync(HttpContext http, NotifyRequestContext api, TemplateType type, CancellationToken ct)
    {
        var caller = await api.AuthenticateSenderAsync(http.Request, ct);

        // Only a send that names a key pays for idempotency: without the header, the path is as it was.
        if (http.Request.Headers.TryGetValue(IdempotencyKeys.Header, out var idempotencyKey))
        {
            return await IdempotentSend.SendAsync(http, api, caller, type, idempotencyKey, ct);
        }

        var body = await RequestJson.ReadAsync(http.Request, ct);
        var request = SendRequestParser.Parse(type, body.RootElement);
        var accepted = await api.Sender.SendAsync(caller, request, ct);
        var response = NotificationResponses.Created(NotificationResponses.BaseUrl(http.Request), accepted);
        return response is EmailCreatedResponse email
            ? TypedResults.Json(email, ApiJsonContext.Default.EmailCreatedResponse, statusCode: 201)
            : TypedResults.Json((SmsCreatedResponse)response, ApiJsonContext.Default.SmsCreatedResponse, statusCode: 201);
    }

    /// <summary>Herald sends no letters yet: every service is answered as Notify answers one without the letter permission.</summary>
    private static async Task<IResult> RefuseLetterAsync(HttpRequest request, NotifyRequestContext api, CancellationToken ct)
    {
        await api.Authenticator.AuthenticateAsync(request, ct);
        throw NotifyApiException.BadRequest("Service is not allowed to send letters");
    }

    /// <summary>A letter's PDF: with no letters, a notification that exists is not one.</summary>
    private static async Task<IResult> LetterPdfAsync(HttpRequest request, string id, NotifyRequestContext api, CancellationToken ct)
    {
        var caller = await api.Authenticator.AuthenticateAsync(request, ct);
        var notificationId = ParseId(id, "notification_id");
        _ = await api.Notifications.FindAsync(caller.ServiceId, notificationId, ct) ?? throw NotifyApiException.NotFound();
        throw NotifyApiException.BadRequest("Notification is not a letter");
    }

    private static async Task<IResult> GetNotificationAsync(HttpRequest request, string id, NotifyRequestContext api, CancellationToken ct)
    {
        var caller = await api.Authenticator.AuthenticateAsync(request, ct);
        var notificationId = ParseId(id, "notification_id");
        var notification = await api.Notifications.FindAsync(caller.ServiceId, notificationId, ct) ?? throw NotifyApiException.NotFound();
        return TypedResults.Json(NotificationResponses.Read(NotificationResponses.BaseUrl(request), notification), ApiJsonContext.Default.NotificationResponse);
    }

    private static async Task<IResult> ListNotificationsAsync(HttpRequest request, NotifyRequestContext api, CancellationToken ct)
    {
        var caller = await api.Authenticator.AuthenticateAsync(request, ct);
        var filter = NotificationListFilter.Parse(request.Query);
        var page = filter.LettersOnly
            ? []
            : await api.Notifications.ListAsync(caller.ServiceId, caller.Key.KeyType, filter.Type, filter.Statuses, filter.Reference, filter.OlderThan, ct);
        var baseUrl = NotificationResponses.BaseUrl(request);
        var current = $"{baseUrl}/v2/notifications{request.QueryString}";
        var next = page.Count > 0 ? $"{baseUrl}/v2/notifications{filter.WithOlderThan(page[^1].Id)}" : null;
        return TypedResults.Json(
            new NotificationListResponse([.. page.Select(n => NotificationResponses.Read(baseUrl, n))], new PageLinks(current, next)),
            ApiJsonContext.Default.NotificationListResponse);
    }

    private static async Task<IResult> GetTemplateAsync(HttpRequest request, string id, string? version, NotifyRequestContext api, CancellationToken ct)
    {
        var caller = await api.Authenticator.AuthenticateAsync(request, ct);
        var templateId = ParseId(id, "template_id");
        int? versionNumber = null;
        if (version is not null)
        {
            versionNumber = int.TryParse(version, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : throw NotifyApiException.Validation([$"version {version} is not of type integer"]);
        }

        var found = await api.Templates.FindAsync(caller.ServiceId, templateId, versionNumber, ct) ?? throw NotifyApiException.NotFound();
        return TypedResults.Json(TemplateQueries.Response(found.Template, found.Version), ApiJsonContext.Default.TemplateResponse);
    }

    private static async Task<IResult> ListTemplatesAsync(HttpRequest request, NotifyRequestContext api, CancellationToken ct)
    {
        var caller = await api.Authenticator.AuthenticateAsync(request, ct);
        var typeText = request.Query["type"].ToString();
        if (!TemplateTypeNames.IsValidFilter(typeText))
        {
            throw NotifyApiException.Validation([$"type {typeText} is not one of [sms, email, letter]"]);
        }

        var templates = typeText == TemplateTypeNames.Letter ? [] : await api.Templates.ListAsync(caller.ServiceId, TemplateTypeNames.Parse(typeText), ct);
        return TypedResults.Json(new TemplateListResponse([.. templates.Select(t => TemplateQueries.Response(t.Template, t.Version))]), ApiJsonContext.Default.TemplateListResponse);
    }

    private static async Task<IResult> PreviewAsync(HttpRequest request, string id, NotifyRequestContext api, CancellationToken ct)
    {
        var caller = await api.Authenticator.AuthenticateAsync(request, ct);
        var templateId = ParseId(id, "template_id");
        using var body = await RequestJson.ReadAsync(request, ct);
        var personalisation = TemplatePreviewRequest.Parse(body.RootElement);
        var found = await api.Templates.FindAsync(caller.ServiceId, templateId, null, ct) ?? throw NotifyApiException.NotFound();
        var (template, version) = found;
        // As Notify's: the template's own text, without the service-name prefix a sent SMS gets.
        var rendered = TemplateRenderer.Render(template.Type, version.Subject, version.Body, personalisation);
        if (rendered.MissingPlaceholders.Count > 0)
        {
            throw NotifyApiException.BadRequest($"Missing personalisation: {string.Join(", ", rendered.MissingPlaceholders)}");
        }

        return TypedResults.Json(
            new TemplatePreviewResponse(template.Id, template.Type.ApiName(), version.Version, rendered.Body, rendered.Html, rendered.Subject),
            ApiJsonContext.Default.TemplatePreviewResponse);
    }

    private static async Task<IResult> ReceivedTextsAsync(HttpRequest request, NotifyRequestContext api, CancellationToken ct)
    {
        var caller = await api.Authenticator.AuthenticateAsync(request, ct);
        var olderThanText = request.Query["older_than"].ToString();
        Guid? olderThan = olderThanText.Length == 0 ? null : ParseId(olderThanText, "older_than");
        var page = await api.Notifications.ReceivedTextsAsync(caller.ServiceId, olderThan, ct);
        var baseUrl = NotificationResponses.BaseUrl(request);
        var next = page.Count > 0 ? $"{baseUrl}/v2/received-text-messages?older_than={page[^1].Id}" : null;
        return TypedResults.Json(
            new ReceivedTextsResponse(
                [.. page.Select(r => new ReceivedTextResponse(r.Id, r.UserNumber, r.NotifyNumber, ApiTime.Format(r.CreatedAt), r.ServiceId, r.Content))],
                new PageLinks($"{baseUrl}/v2/received-text-messages{request.QueryString}", next)),
            ApiJsonContext.Default.ReceivedTextsResponse);
    }

    private static Guid ParseId(string value, string name) =>
        Guid.TryParseExact(value, "D", out var id) ? id : throw NotifyApiException.Validation([$"{name} is not a valid UUID"]);
}
