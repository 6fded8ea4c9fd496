using System.Net;
using System.Net.Sockets;

namespace PBudget.Testing;

/// <summary>Picks free loopback ports so that two test runs never collide.</summary>
public static class FreePorts
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
