namespace Herald.Providers.Smtp;

public enum SmtpSecurity
{
    /// <summary>Plain SMTP (local relays and tests only).</summary>
    None,

    /// <summary>Plain connection upgraded with STARTTLS, required.</summary>
    StartTls,

    /// <summary>TLS from the first byte (usually port 465).</summary>
    Tls,
}
