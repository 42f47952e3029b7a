
namespace Herald.Services;

/// <summary>Where a service wants to hear about one kind of event: <c>delivery_status</c>, <c>complaint</c> or <c>inbound_sms</c>.</summary>
public sealed class ServiceCallbackRecord
{
    public Guid ServiceId { get; set; }

    public required string Kind { get; set; }

    public required string Url { get; set; }

    /// <summary>The bearer token sent with each callback, encrypted with Data Protection.</summary>
    public required string ProtectedBearerToken { get; set; }

    public DateTime UpdatedAt { get; set; }
}
