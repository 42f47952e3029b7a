namespace Herald.Tests.Pushers.WebPush;

/// <summary>One message as the fake push service received it.</summary>
public sealed record ReceivedPush(string Id, IReadOnlyDictionary<string, string> Headers, byte[] Body);
