using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;

namespace LoadGrid.Http.Lean;

/// <summary>
/// The idle keep-alive connections to one (host, port), most recently used first, within the transport's
/// <see cref="ConnectionBudget"/>: a request that finds none idle opens its own while the budget has room.
/// </summary>
internal sealed class ConnectionPool : IDisposable
{
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);
    /// <summary>Below common server keep-alive timeouts (nginx 75 s, Kestrel 130 s), so few pooled connections go stale.</summary>
    public static readonly TimeSpan DefaultIdleTimeout = TimeSpan.FromSeconds(60);

    private readonly long _idleTimeoutMs;
    private readonly EndPoint _endPoint;
    private readonly ConnectionBudget _budget;
    private readonly Stack<LeanConnection> _idle = new();
    private bool _disposed;

    public ConnectionPool(string host, int port, bool defaultPort, ConnectionBudget budget, TimeSpan idleTimeout)
    {
        _idleTimeoutMs = (long)idleTimeout.TotalMilliseconds;
        _endPoint = IPAddress.TryParse(host.Trim('[', ']'), out var address) ? new IPEndPoint(address, port) : new DnsEndPoint(host, port);
        HostHeader = Encoding.ASCII.GetBytes($"Host: {(defaultPort ? host : $"{host}:{port}")}\r\n");
        _budget = budget;
        budget.Add(this);
    }

    /// <summary>"Host: …\r\n", ready to copy into a request.</summary>
    public byte[] HostHeader { get; }

    /// <returns>
    /// An idle connection, or null when the caller now holds a slot of the budget and is to
    /// <see cref="ConnectAsync"/> (and <see cref="ReleaseSlot"/> if that fails). Waits while the budget is full.
    /// </returns>
    /// <exception cref="OperationCanceledException">Cancelled while waiting.</exception>
    public ValueTask<LeanConnection?> AcquireAsync(CancellationToken cancellation)
    {
        var now = Environment.TickCount64;
        LeanConnection? idle = null;
        List<LeanConnection>? toClose = null;
        Task<LeanConnection?>? wait = null;
        lock (_budget.Sync)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            while (_idle.TryPop(out var connection))
            {
                if (now - connection.IdleSince < _idleTimeoutMs)
                {
                    idle = connection;
                    break;
                }
                // Idle too long (the server may have closed it): closed, its slot given back.
                (toClose ??= []).Add(connection);
                _budget.Release();
            }
            if (idle is null)
            {
                if (_budget.TryTakeSlot(this, out var evicted))
                {
                    if (evicted is not null) (toClose ??= []).Add(evicted);
                }
                else
                {
                    wait = _budget.Enqueue(this, cancellation);
                }
            }
        }
        if (toClose is not null) foreach (var connection in toClose) connection.Dispose();
        if (idle is not null) return new ValueTask<LeanConnection?>(idle);
        return wait is null ? new ValueTask<LeanConnection?>((LeanConnection?)null) : new ValueTask<LeanConnection?>(wait);
    }

    /// <summary>A connection whose response completed and that may be reused: to a waiter, or idle.</summary>
    public void Return(LeanConnection connection)
    {
        connection.IdleSince = Environment.TickCount64;
        bool close;
        lock (_budget.Sync)
        {
            if (_disposed)
            {
                close = true;
                _budget.Release();
            }
            else if (!_budget.TryHandOver(this, connection, out close))
            {
                _idle.Push(connection);
                return;
            }
        }
        if (close) connection.Dispose();
    }

    /// <summary>Closes a connection that cannot be reused, and gives its slot back.</summary>
    public void Discard(LeanConnection connection)
    {
        connection.Dispose();
        _budget.Release();
    }

    /// <summary>Gives back a slot whose connection could not be opened.</summary>
    public void ReleaseSlot() => _budget.Release();

    /// <summary>A snapshot of the idle connections, for tests.</summary>
    internal LeanConnection[] IdleConnections()
    {
        lock (_budget.Sync) return _idle.ToArray();
    }

    /// <summary>
    /// Under the budget's lock: moves the connections idle for the idle timeout into <paramref name="expired"/>, to be
    /// closed (the sweep: a node between runs must not keep its sockets to a finished run's target open).
    /// </summary>
    /// <returns>How many; their slots are the caller's to give back.</returns>
    internal int TakeExpired(long now, List<LeanConnection> expired)
    {
        if (_idle.Count == 0) return 0;
        // Most recently used on top: the expired ones are the bottom of the stack.
        var newestFirst = _idle.ToArray();
        var keep = Array.FindIndex(newestFirst, c => now - c.IdleSince >= _idleTimeoutMs);
        if (keep < 0) return 0;
        _idle.Clear();
        for (var i = keep - 1; i >= 0; i--) _idle.Push(newestFirst[i]);
        expired.AddRange(newestFirst.AsSpan(keep));
        return newestFirst.Length - keep;
    }

    /// <summary>Under the budget's lock: takes the least recently used idle connection, to close for another pool.</summary>
    internal bool TryEvictIdle(out LeanConnection? connection)
    {
        connection = null;
        if (_idle.Count == 0) return false;
        // The stack's bottom is the longest idle; rebuilding it is rare (only at the cap) and the stack small then.
        var newestFirst = _idle.ToArray();
        _idle.Clear();
        for (var i = newestFirst.Length - 2; i >= 0; i--) _idle.Push(newestFirst[i]);
        connection = newestFirst[^1];
        return true;
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

    /// <summary>Closes the idle connections and gives their slots back; one in use is closed when it comes back.</summary>
    public void Dispose()
    {
        _budget.Remove(this);
        lock (_budget.Sync)
        {
            _disposed = true;
            while (_idle.TryPop(out var connection))
            {
                connection.Dispose();
                _budget.Release();
            }
        }
    }
}
