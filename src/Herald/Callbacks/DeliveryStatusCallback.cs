namespace Herald.Callbacks;

/// <summary>The body POSTed to a service's delivery_status callback, as Notify sends it.</summary>
public sealed record DeliveryStatusCallback(
    Guid Id,
    string? Reference,
    string To,
    string Status,
    string CreatedAt,
    string? CompletedAt,
    string? SentAt,
    string NotificationType,
    Guid TemplateId,
    int TemplateVersion);


