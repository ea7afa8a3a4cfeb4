using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;

namespace LoadGrid.Http.Lean;

/// <summary>
/// The idle keep-alive connections to one (host, port), most recently used first. No cap: every concurrent request
/// that finds none idle opens its own, as SocketsHttpHandler does with MaxConnectionsPerServer unlimited.
/// </summary>
internal sealed class ConnectionPool : IDisposable
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    // Below common server keep-alive timeouts (nginx 75 s, Kestrel 130 s), so few pooled connections go stale.
    private const long IdleTimeoutMs = 60_000;

    private readonly EndPoint _endPoint;
    private readonly Stack<LeanConnection> _idle = new();
    private bool _disposed;

    public ConnectionPool(string host, int port, bool defaultPort)
    {
        _endPoint = IPAddress.TryParse(host.Trim('[', ']'), out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port);
        HostHeader = Encoding.ASCII.GetBytes($"Host: {(defaultPort ? host : $"{host}:{port}")}\r\n");
    }

    /// <summary>"Host: …\r\n", ready to copy into a request.</summary>
    public byte[] HostHeader { get; }

    /// <returns>An idle connection, or null when there is none.</returns>
    public LeanConnection? TryTake()
    {
        var now = Environment.TickCount64;
        lock (_idle)
        {
            while (_idle.TryPop(out var connection))
            {
                if (now - connection.IdleSince < IdleTimeoutMs) return connection;
                connection.Dispose();
            }
        }
        return null;
    }

    public void Return(LeanConnection connection)
    {
        connection.IdleSince = Environment.TickCount64;
        lock (_idle)
        {
            if (!_disposed)
            {
                _idle.Push(connection);
                return;
            }
        }
        connection.Dispose();
    }

    /// <summary>Opens a new connection, within <see cref="ConnectTimeout"/>.</summary>
    /// <exception cref="HttpRequestException">Could not connect (with the SocketException inside).</exception>
    /// <exception cref="TimeoutException">The connect timeout passed.</exception>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellation"/> was cancelled.</exception>
    public async ValueTask<LeanConnection> ConnectAsync(CancellationToken cancellation)
    {
        var socket = _endPoint is IPEndPoint ip
            ? new Socket(ip.AddressFamily, SocketType.Stream, ProtocolType.Tcp)
            : new Socket(SocketType.Stream, ProtocolType.Tcp);
        socket.NoDelay = true;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        timeout.CancelAfter(ConnectTimeout);
        try
        {
            await socket.ConnectAsync(_endPoint, timeout.Token).ConfigureAwait(false);
            return new LeanConnection(socket);
        }
        catch (OperationCanceledException) when (!cancellation.IsCancellationRequested)
        {
            socket.Dispose();
            throw new TimeoutException($"could not connect to {_endPoint} within {ConnectTimeout.TotalSeconds:0} s");
        }
        catch (SocketException e)
        {
            socket.Dispose();
            throw new HttpRequestException(HttpRequestError.ConnectionError, $"{e.Message} ({_endPoint})", e);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        lock (_idle)
        {
            _disposed = true;
            while (_idle.TryPop(out var connection)) connection.Dispose();
        }
    }
}
