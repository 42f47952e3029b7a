namespace Herald.Limits;

/// <summary>Sends today per service and channel: an O(1) counter, never a row count.</summary>
public sealed class DailyCounterRecord
{
    public Guid ServiceId { get; set; }

    /// <summary><c>email</c>, <c>sms</c>, <c>international_sms</c> or <c>total</c> (trial services).</summary>
    public required string Channel { get; set; }

    /// <summary>The UTC day, as yyyymmdd.</summary>
    public int Day { get; set; }

    public int Count { get; set; }
}
