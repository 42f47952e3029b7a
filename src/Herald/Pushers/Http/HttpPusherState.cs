namespace Herald.Pushers.Http;

/// <summary>An HTTP pusher's in-memory state for as long as its loop runs.</summary>
internal sealed class HttpPusherState(TimeSpan initialBackoff)
{
    public TimeSpan Backoff { get; set; } = initialBackoff;
}
