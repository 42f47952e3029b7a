namespace Herald.Callbacks;

public static class CallbackKinds
{
    public const string DeliveryStatus = "delivery_status";
    public const string Complaint = "complaint";
    public const string InboundSms = "inbound_sms";

    /// <summary>Data Protection purpose of callback bearer tokens.</summary>
    public const string TokenPurpose = "Herald.Callbacks.BearerToken.v1";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { DeliveryStatus, Complaint, InboundSms };
}
