namespace Herald.Pushers.WebPush;

/// <summary>RFC 8030 §5.3: how urgent a message is, so a device can save battery on the less urgent ones.</summary>
public enum WebPushUrgency
{
    VeryLow,
    Low,
    Normal,
    High,
}
