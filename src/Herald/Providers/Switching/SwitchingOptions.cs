namespace Herald.Providers.Switching;

/// <summary>Automatic provider switching (configuration section <c>Providers:Switching</c>); the defaults are Notify's rules.</summary>
public sealed class SwitchingOptions
{
    public const string Section = "Providers:Switching";

    /// <summary>Channels that switch automatically. Default both <c>sms</c> and <c>email</c>; empty turns switching off.</summary>
    public string[] Channels { get; set; } = ["sms", "email"];

    /// <summary>Points moved by one shift or one drift step. Default 10.</summary>
    public int Step { get; set; } = 10;

    /// <summary>How far back the slow-delivery check looks at sent notifications. Default 10 minutes.</summary>
    public TimeSpan SlowWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A notification is slow when still sending/pending, or delivered, this long after it was sent. Default 4 minutes.</summary>
    public TimeSpan SlowAfter { get; set; } = TimeSpan.FromMinutes(4);

    /// <summary>A provider is slow when at least this share of its recent notifications is slow. Default 0.2.</summary>
    public double SlowRatio { get; set; } = 0.2;

    /// <summary>Fewer recent notifications than this say nothing about a provider's speed. Default 10.</summary>
    public int SlowMinimumNotifications { get; set; } = 10;

    /// <summary>More failed calls than this within <see cref="ErrorWindow"/> shift weight away. Default 50.</summary>
    public int ErrorThreshold { get; set; } = 50;

    /// <summary>Default 60 s.</summary>
    public TimeSpan ErrorWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>No slow-delivery shift within this long of any change, manual ones included. Default 5 minutes.</summary>
    public TimeSpan SlowGuard { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>No error-rate shift within this long of any change. Default 1 minute.</summary>
    public TimeSpan ErrorGuard { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Weights drift back toward their resting values once nothing but drift has changed for this long. Default 15 minutes.</summary>
    public TimeSpan DriftAfter { get; set; } = TimeSpan.FromMinutes(15);
}
