using System.ComponentModel.DataAnnotations;

namespace Herald.Notifications;

/// <summary>How status changes are committed (configuration section <c>Delivery</c>, where operators know it).</summary>
public sealed class NotificationStatusOptions
{
    public const string Section = "Delivery";

    /// <summary>
    /// When deliveries finish faster than their send records commit, how long a commit waits for
    /// more to join it: fewer, larger commits (each durable commit costs a disk flush). 0 turns the
    /// wait off. A delivery finishing on its own is committed at once. Default 2 ms.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:01")]
    public TimeSpan SentRecordGather { get; set; } = TimeSpan.FromMilliseconds(2);
}
