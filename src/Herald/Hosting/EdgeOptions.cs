using System.ComponentModel.DataAnnotations;

namespace Herald.Hosting;

/// <summary>
/// What a request may cost before any feature sees it (configuration section <c>Edge</c>, env
/// <c>HERALD_EDGE__*</c>): the largest body per route family, and per-IP rates on the routes
/// anyone can call without a key. A rate of 0 turns that limit off.
/// </summary>
public sealed class EdgeOptions
{
    public const string Section = "Edge";

    /// <summary>
    /// <c>/v2</c> (except push) bodies. Default 4 MiB: a 2 MB email's personalisation as escaped
    /// JSON, or Notify's send-a-file document (2 MB, base64), with room to spare.
    /// </summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long NotifyApiBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary><c>/v2/push</c> bodies. Default 1 MiB.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long PushApiBodyBytes { get; set; } = 1024 * 1024;

    /// <summary><c>/admin/api</c> and admin UI form bodies. Default 4 MiB: a template of 2 MB, escaped.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long AdminApiBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>
    /// A bulk job's upload (<c>POST /admin/api/services/{id}/jobs</c>). Default 64 MiB: 100,000
    /// rows of a few hundred characters each.
    /// </summary>
    [Range(1024, 1024 * 1024 * 1024)]
    public long JobUploadBodyBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary><c>/receipts/*</c> and <c>/inbound/*</c> (provider webhooks). Default 256 KiB: receipts and inbound texts are small.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long WebhookBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Every other route (unsubscribe links, health, metrics). Default 64 KiB.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long OtherBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// Provider webhooks per second from one IP address, sustained; twice as many in a burst.
    /// Default 1,000: well above a provider's receipt rate for one Herald, far below what a flood
    /// of unverifiable requests would need.
    /// </summary>
    [Range(0, 1_000_000)]
    public int WebhooksPerSecondPerIp { get; set; } = 1_000;

    /// <summary>Unsubscribe link requests per minute from one IP address (a mail provider's one-click requests share one). Default 120.</summary>
    [Range(0, 1_000_000)]
    public int UnsubscribesPerMinutePerIp { get; set; } = 120;

    /// <summary>
    /// Admin UI sign-in attempts per minute from one IP address, sustained; twice as many in a
    /// burst. Default 10: a person mistyping is never slowed, guessing passwords is.
    /// </summary>
    [Range(0, 1_000_000)]
    public int SignInsPerMinutePerIp { get; set; } = 10;
}
