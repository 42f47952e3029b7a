
namespace Herald.Services;

public static class CallbackKinds
{
    /// <summary>The queue kind that delivers every callback (<c>Callbacks/CallbackSender</c> handles it).</summary>
    public const string QueueKind = "callbacks.deliver";

    public const string DeliveryStatus = "delivery_status";
    public const string Complaint = "complaint";
    public const string InboundSms = "inbound_sms";

    /// <summary>Data Protection purpose of callback bearer tokens.</summary>
    public const string TokenPurpose = "Herald.Callbacks.BearerToken.v1";

    /// <summary>
    /// The <c>callbacks.deliver</c> payload: <c>{kind}:{id}</c> (the notification, received text or
    /// complaint the callback is about); a bare id is a delivery_status callback.
    /// </summary>
    public static string Payload(string kind, Guid id) => kind == DeliveryStatus ? id.ToString() : $"{kind}:{id}";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { DeliveryStatus, Complaint, InboundSms };
}
