using System.Net;
using System.Net.Sockets;

namespace LoadGrid.Http.Tests.Infrastructure;

/// <summary>A loopback port the OS just handed out and nothing listens on: connecting to it is refused.</summary>
public static class ClosedPort
{
    public static int Take()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
