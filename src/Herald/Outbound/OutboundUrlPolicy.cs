using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Herald.Outbound;

/// <summary>
/// Refuses loopback, link-local and private targets for URLs users supply, unless the operator
/// allows them. Checked when a URL is registered (after DNS resolution) and again on every
/// connection, so a name that later resolves inside those ranges is still refused.
/// </summary>
public sealed class OutboundUrlPolicy(IOptions<OutboundOptions> options)
{
    public bool AllowsPrivateTargets => options.Value.AllowPrivateTargets;

    /// <summary>Null when the URL may be called; otherwise why not.</summary>
    public async Task<string?> CheckAsync(Uri url, CancellationToken cancellationToken)
    {
        if (AllowsPrivateTargets)
        {
            return null;
        }

        IPAddress[] addresses;
        try
        {
            addresses = IPAddress.TryParse(url.DnsSafeHost, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(url.DnsSafeHost, cancellationToken);
        }
        catch (SocketException)
        {
            return $"{url.Host} does not resolve";
        }

        return addresses.FirstOrDefault(IsPrivate) is { } refused ? $"{url.Host} resolves to {refused}, a private or loopback address" : null;
    }

    /// <summary>A connect callback for <see cref="SocketsHttpHandler"/> that applies the policy to each connection.</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = AllowsPrivateTargets ? addresses : [.. addresses.Where(a => !IsPrivate(a))];
        if (allowed.Length == 0)
        {
            throw new OutboundRefusedException($"{context.DnsEndPoint.Host} resolves only to private or loopback addresses");
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public static bool IsPrivate(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (IPAddress.IsLoopback(address) || address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
        {
            return true;
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var first = address.GetAddressBytes()[0];
            return address.IsIPv6LinkLocal || address.IsIPv6SiteLocal || address.IsIPv6UniqueLocal || first == 0xff;
        }

        var b = address.GetAddressBytes();
        return b[0] == 10
            || (b[0] == 172 && b[1] >= 16 && b[1] <= 31)
            || (b[0] == 192 && b[1] == 168)
            || (b[0] == 169 && b[1] == 254)
            || (b[0] == 100 && b[1] >= 64 && b[1] <= 127)
            || b[0] == 0
            || b[0] >= 224;
    }
}
