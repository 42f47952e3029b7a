using System.Text.Json.Serialization;
using Herald.Api;
using Herald.Callbacks;
using Herald.Providers.Instances;
using Herald.NotifyFormat;

namespace Herald.Admin;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(NotifyErrorBody))]
[JsonSerializable(typeof(CreateServiceRequest))]
[JsonSerializable(typeof(ServiceResponse))]
[JsonSerializable(typeof(ServiceListResponse))]
[JsonSerializable(typeof(AddRecipientRequest))]
[JsonSerializable(typeof(RecipientResponse))]
[JsonSerializable(typeof(CreateTemplateRequest))]
[JsonSerializable(typeof(UpdateTemplateRequest))]
[JsonSerializable(typeof(AdminTemplateResponse))]
[JsonSerializable(typeof(AdminTemplateListResponse))]
[JsonSerializable(typeof(CreateApiKeyRequest))]
[JsonSerializable(typeof(ApiKeyCreatedResponse))]
[JsonSerializable(typeof(InboxResponse))]
[JsonSerializable(typeof(SetCallbackRequest))]
[JsonSerializable(typeof(CallbackResponse))]
[JsonSerializable(typeof(CreateProviderRequest))]
[JsonSerializable(typeof(UpdateProviderRequest))]
[JsonSerializable(typeof(ProviderResponse))]
[JsonSerializable(typeof(ProviderListResponse))]
[JsonSerializable(typeof(ProviderVersionListResponse))]
[JsonSerializable(typeof(QueueResponse))]
[JsonSerializable(typeof(DeadItemListResponse))]
[JsonSerializable(typeof(ReplayRequest))]
[JsonSerializable(typeof(ReplayResponse))]
public sealed partial class AdminJsonContext : JsonSerializerContext;
