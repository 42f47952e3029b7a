namespace Herald.Pushers.WebPush;

/// <summary>RFC 8030 delivery options of one message.</summary>
public sealed record WebPushMessageOptions
{
    public static WebPushMessageOptions Default { get; } = new();

    /// <summary>
    /// How long the push service keeps the message while the device is offline (the <c>TTL</c> header, whole seconds).
    /// Default 24 hours; zero means deliver now or never.
    /// </summary>
    public TimeSpan Ttl
    {
        get;
        init => field = value >= TimeSpan.Zero ? value : throw new ArgumentOutOfRangeException(nameof(Ttl), "TTL cannot be negative.");
    } = TimeSpan.FromHours(24);

    /// <summary>The <c>Urgency</c> header. Default normal.</summary>
    public WebPushUrgency Urgency { get; init; } = WebPushUrgency.Normal;

    /// <summary>
    /// The <c>Topic</c> header: a newer message with the same topic replaces an undelivered older one.
    /// At most 32 characters of the base64url alphabet (RFC 8030 §5.4). Default none.
    /// </summary>
    public string? Topic
    {
        get;
        init => field = value is null || (value.Length is > 0 and <= 32 && value.All(IsBase64UrlCharacter))
            ? value
            : throw new ArgumentException("A topic is 1 to 32 characters of the base64url alphabet.", nameof(Topic));
    }

    internal string UrgencyHeader => Urgency switch
    {
        WebPushUrgency.VeryLow => "very-low",
        WebPushUrgency.Low => "low",
        WebPushUrgency.High => "high",
        _ => "normal",
    };

    private static bool IsBase64UrlCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
