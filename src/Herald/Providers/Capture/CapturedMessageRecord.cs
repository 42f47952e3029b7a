namespace Herald.Providers.Capture;

/// <summary>A message kept by the capture provider: the dev inbox.</summary>
public sealed class CapturedMessageRecord
{
    public long Id { get; set; }

    public Guid NotificationId { get; set; }

    /// <summary><c>email</c> or <c>sms</c>.</summary>
    public required string Channel { get; set; }

    public required string To { get; set; }

    public string? From { get; set; }

    public string? Subject { get; set; }

    public required string Body { get; set; }

    public string? Html { get; set; }

    public DateTime CreatedAt { get; set; }
}
