
namespace Herald.Outbound;

/// <summary>What user-supplied URLs Herald will call (configuration root keys).</summary>
public sealed class OutboundOptions
{
    /// <summary>
    /// Allow loopback, link-local and private targets (env <c>HERALD_ALLOW_PRIVATE_TARGETS=true</c>).
    /// Off by default: a service must not make Herald call into its own network. Tests and local development turn it on.
    /// </summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Allow http:// callback URLs, for local use (env <c>HERALD_ALLOW_HTTP_CALLBACKS=true</c>). Off by default.</summary>
    public bool AllowHttpCallbacks { get; set; }

    /// <summary>
    /// Whether Herald refuses to call <paramref name="url"/> for its scheme: anything but https,
    /// unless <see cref="AllowHttpCallbacks"/>. The one rule for service callbacks (when registered
    /// and when called) and web push endpoints.
    /// </summary>
    public bool RefusesScheme(Uri url) => url.Scheme != Uri.UriSchemeHttps && !AllowHttpCallbacks;
}
