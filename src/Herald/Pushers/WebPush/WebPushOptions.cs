namespace Herald.Pushers.WebPush;

/// <summary>
/// VAPID identity for web push (section <c>Push:WebPush</c>). All empty by default: Herald starts
/// without them, and only sending a web push needs them. <c>herald vapid-keys</c> makes a key pair.
/// </summary>
public sealed class WebPushOptions
{
    public const string Section = "Push:WebPush";

    /// <summary>The application server's P-256 public key, base64url uncompressed point (the <c>applicationServerKey</c> browsers subscribe with).</summary>
    public string VapidPublicKey { get; set => field = value ?? ""; } = "";

    /// <summary>The matching private key, base64url 32-byte scalar. A secret: prefer the environment (<c>HERALD_PUSH__WEBPUSH__VAPIDPRIVATEKEY</c>).</summary>
    public string VapidPrivateKey { get; set => field = value ?? ""; } = "";

    /// <summary>How push services can reach the operator (the JWT's <c>sub</c>): a <c>mailto:</c> address or an https URL.</summary>
    public string Subject { get; set => field = value ?? ""; } = "";

    internal bool IsConfigured => VapidPublicKey.Length > 0 || VapidPrivateKey.Length > 0 || Subject.Length > 0;
}
