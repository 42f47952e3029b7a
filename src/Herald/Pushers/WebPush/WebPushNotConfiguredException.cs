namespace Herald.Pushers.WebPush;

/// <summary>A web push was sent but no VAPID identity is configured.</summary>
public sealed class WebPushNotConfiguredException() : InvalidOperationException(
    $"Web push is not configured: set {WebPushOptions.Section}:VapidPublicKey, VapidPrivateKey and Subject " +
    "(env HERALD_PUSH__WEBPUSH__VAPIDPUBLICKEY, ..._VAPIDPRIVATEKEY, ..._SUBJECT); `herald vapid-keys` generates a key pair.");
