using System.Net;
using System.Net.Sockets;

namespace LoadGrid.EndToEnd.Tests.Infrastructure;

public static class FreePort
{
    /// <summary>A port the OS just handed out and that nothing listens on any more.</summary>
    public static int Take()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
