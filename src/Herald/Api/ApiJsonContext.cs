using System.Text.Json.Serialization;
using Herald.NotifyFormat;

namespace Herald.Api;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(NotifyErrorBody))]
[JsonSerializable(typeof(EmailCreatedResponse))]
[JsonSerializable(typeof(SmsCreatedResponse))]
[JsonSerializable(typeof(NotificationResponse))]
[JsonSerializable(typeof(NotificationListResponse))]
[JsonSerializable(typeof(TemplateResponse))]
[JsonSerializable(typeof(TemplateListResponse))]
[JsonSerializable(typeof(TemplatePreviewResponse))]
[JsonSerializable(typeof(ReceivedTextsResponse))]
[JsonSerializable(typeof(SendEmailBody))]
[JsonSerializable(typeof(SendSmsBody))]
[JsonSerializable(typeof(TemplatePreviewBody))]
internal sealed partial class ApiJsonContext : JsonSerializerContext;
