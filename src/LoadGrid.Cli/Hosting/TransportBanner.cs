using LoadGrid.Http;
using LoadGrid.Http.Lean;

namespace LoadGrid.Cli.Hosting;

/// <summary>
/// The line a node prints about how it sends HTTP: which transport, how many sockets it may hold (the operator sizes
/// the open-files limit by it), and whether socket completions run inline (docs/operations.md).
/// </summary>
internal static class TransportBanner
{
    public static string Describe(IHttpTransport transport)
    {
        var completions = SocketCompletions.Inline ? "socket completions inline" : "socket completions on the thread pool";
        return transport switch
        {
            LeanHttpTransport lean => $"HTTP: lean HTTP/1.1 for http:// (https through SocketsHttpHandler), at most {lean.MaxConnections:N0} sockets ({TransportSelection.MaxConnectionsVariable}) · {completions}",
            HttpTransport sockets => $"HTTP: SocketsHttpHandler, at most {sockets.MaxConnectionsPerServer:N0} connections per host ({TransportSelection.MaxConnectionsVariable}) · {completions}",
            _ => $"HTTP: {transport.GetType().Name} · {completions}",
        };
    }
}
