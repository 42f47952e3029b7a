using System.ComponentModel.DataAnnotations;

namespace Herald.Pushers.Email;

/// <summary>The email pusher's throttled digests (configuration section <c>Push:Email</c>).</summary>
public sealed class EmailPusherOptions
{
    public const string Section = "Push:Email";

    /// <summary>
    /// How long a notification waits before it may be mailed, so a user who reads it meanwhile
    /// gets no email about it. Default 10 minutes.
    /// </summary>
    public TimeSpan Delay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>After an email about a room, how long until the next email about that room. Default 24 hours.</summary>
    public TimeSpan RoomThrottle { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// A room with no notification for longer than this is back to the plain <see cref="Delay"/>:
    /// a new conversation after a quiet spell is not held back by an email about the old one. Default 6 hours.
    /// </summary>
    public TimeSpan ResetAfterIdle { get; set; } = TimeSpan.FromHours(6);

    /// <summary>How many of the newest unread notifications one pass reads (and one email holds at most). Default 20.</summary>
    [Range(1, 100)]
    public int BatchSize { get; set; } = 20;

    /// <summary>When sending a digest fails, how long until the pusher tries again. Default 10 minutes.</summary>
    public TimeSpan RetryAfterFailure { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The name in brackets at the start of every subject, when the pusher's data sets no <c>brand</c>. Default <c>Herald</c>.</summary>
    public string AppName { get; set; } = "Herald";

    /// <summary>The sender of digest emails. Default <c>notifications@{Notifications:EmailFromDomain}</c>.</summary>
    public string? From { get; set; }

    /// <summary>
    /// Herald's address as the people receiving the emails reach it; the unsubscribe link is
    /// <c>{PublicUrl}/push/email/unsubscribe?token=...</c>. Default <c>http://127.0.0.1:5080</c>: set it in production.
    /// </summary>
    public string PublicUrl { get; set; } = "http://127.0.0.1:5080";

    /// <summary>
    /// A directory whose <c>notif_mail.html</c> / <c>notif_mail.txt</c> (Liquid) replace the built-in
    /// templates file by file. Unset by default. A directory that does not exist is logged as a
    /// warning and the built-in templates are used.
    /// </summary>
    public string? TemplateDirectory { get; set; }
}
