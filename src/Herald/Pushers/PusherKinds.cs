namespace Herald.Pushers;

/// <summary>The kinds of pusher the API accepts.</summary>
public static class PusherKinds
{
    public const string Http = "http";

    public const string Email = "email";

    public const string WebPush = "webpush";

    public static bool IsKnown(string kind) => kind is Http or Email or WebPush;
}
