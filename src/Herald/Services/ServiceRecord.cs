namespace Herald.Services;

/// <summary>A sending service: the unit that owns templates, keys, limits and notifications.</summary>
public sealed class ServiceRecord
{
    public Guid Id { get; set; }

    public required string Name { get; set; }

    /// <summary>Trial mode: sends only to team members and the guest list, 50 a day.</summary>
    public bool Restricted { get; set; }

    public string? EmailFrom { get; set; }

    public string? SmsSender { get; set; }

    /// <summary>Prefix SMS with "Service name: ". Notify's default is on.</summary>
    public bool SmsPrefix { get; set; } = true;

    public bool AllowInternationalSms { get; set; }

    public bool AllowSmsToLandlines { get; set; }

    public int RateLimitPerMinute { get; set; } = 3000;

    public int EmailDailyLimit { get; set; } = 250_000;

    public int SmsDailyLimit { get; set; } = 250_000;

    public int InternationalSmsDailyLimit { get; set; } = 100;

    public bool Archived { get; set; }

    public DateTime CreatedAt { get; set; }
}
