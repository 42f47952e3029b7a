using System.Text.Json.Serialization;

namespace Herald.Integrations.Smtp;

public enum SmtpSecurity
{
    /// <summary>Plain SMTP (local relays and tests only).</summary>
    [JsonStringEnumMemberName("none")]
    None,

    /// <summary>Plain connection upgraded with STARTTLS, required.</summary>
    [JsonStringEnumMemberName("starttls")]
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    [JsonStringEnumMemberName("tls")]
    Tls,
}
