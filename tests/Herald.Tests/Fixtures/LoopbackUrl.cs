using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Herald.Tests.Fixtures;

/// <summary>
/// A free loopback URL, for a Herald that must know its own address before it starts (the
/// providers' PublicUrl, where their callbacks go and what Twilio's signature covers).
/// </summary>
public static class LoopbackUrl
{
    public static string Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return $"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture)}";
    }
}
