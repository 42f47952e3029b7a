using System.ComponentModel.DataAnnotations;

namespace Herald.Integrations.Smtp;

/// <summary>
/// Settings of an SMTP provider instance: from configuration section <c>Providers:Smtp</c> (when
/// <c>Delivery:EmailProvider</c> is <c>smtp</c>) or an instance's settings in the admin API.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Providers:Smtp";

    /// <summary>Server host name. Required for the smtp provider.</summary>
    public string Host { get; set; } = "";

    /// <summary>Server port. Default 587.</summary>
    [Range(1, 65535)]
    public int Port { get; set; } = 587;

    /// <summary><c>None</c>, <c>StartTls</c> (default) or <c>Tls</c>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Login, when the server wants one.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>Sender address for every email through this server, when it accepts only its own; default: the service's address.</summary>
    public string? From { get; set; }

    /// <summary>Connections kept open and reused. Default 4; also the provider's concurrency.</summary>
    [Range(1, 100)]
    public int PoolSize { get; set; } = 4;

    /// <summary>Timeout of one SMTP operation. Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Plain SMTP has no delivery receipts: when true (default) a message the server accepted is
    /// reported <c>delivered</c>; when false it stays <c>sending</c> until a receipt says otherwise.
    /// </summary>
    public bool AcceptedMeansDelivered { get; set; } = true;

    /// <summary>Domain of Message-IDs (<c>&lt;{notification id}@{domain}&gt;</c>). Default: the sender's domain.</summary>
    public string? MessageIdDomain { get; set; }
}
