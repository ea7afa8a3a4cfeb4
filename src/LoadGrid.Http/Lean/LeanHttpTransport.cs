using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Http.Lean;

/// <summary>
/// The node's HTTP transport with a lean HTTP/1.1 path for plain <c>http://</c>: a keep-alive socket pool per
/// (host, port), requests written and responses parsed on bytes, no HttpRequestMessage, no Task per request beyond
/// the async methods themselves (pooled builders). Same <see cref="TransportResponse"/> contract as
/// <see cref="HttpTransport"/>, same error classification.
/// <para>
/// Routing rule: everything this path does not do goes to a SocketsHttpHandler <see cref="HttpTransport"/>
/// (the fallback) per request:
/// <list type="bullet">
/// <item><c>https://</c> (TLS, ALPN / HTTP/2) and any other scheme → the fallback, whole.</item>
/// <item>Redirects are followed here, with SocketsHttpHandler's rules, so the target sees each request once: 300, 301,
/// 302, 303, 307, 308 with a Location; 301/302 turn a POST into a GET, 303 turns anything but HEAD into a GET (the
/// body and its Content-* headers dropped); Authorization is not carried over; at most 10 redirects, after which the
/// last 3xx is the response; a Location that is not http(s) is not followed. A redirect to <c>https://</c> hands the
/// redirected request to the fallback, which follows any further redirects itself (its own limit of 10).</item>
/// </list>
/// Re-sending a redirected request through SocketsHttpHandler instead would have made the target serve the first
/// request twice (a POST's side effect included), so the redirect logic is duplicated rather than delegated.
/// No proxy support: HttpTransport does not use one either (UseProxy = false).
/// </para>
/// </summary>
public sealed class LeanHttpTransport : IHttpTransport, IDisposable
{
    private const int MaxRedirects = 10;

    private readonly ConcurrentDictionary<(string Host, int Port), ConnectionPool> _pools = new();
    private readonly ConnectionBudget _budget;
    private readonly TimeSpan _idleTimeout;
    private readonly Timer _sweep;
    private readonly IHttpTransport _fallback;
    private readonly bool _ownsFallback;
    private volatile bool _disposed;

    /// <param name="fallback">Where https and other requests go; a new <see cref="HttpTransport"/> (owned) when null.</param>
    /// <param name="maxConnections">Sockets open at once, across all hosts (<see cref="ConnectionBudget"/>); by default
    /// the open-files limit less a reserve.</param>
    public LeanHttpTransport(IHttpTransport? fallback = null, int? maxConnections = null)
        : this(fallback, maxConnections, ConnectionPool.DefaultIdleTimeout)
    {
    }

    /// <param name="idleTimeout">How long a kept-alive connection may stay unused: it is then not reused, and closed
    /// by a sweep every sixth of it (tests shorten it).</param>
    internal LeanHttpTransport(IHttpTransport? fallback, int? maxConnections, TimeSpan idleTimeout)
    {
        _budget = new ConnectionBudget(maxConnections ?? ConnectionBudget.DefaultLimit());
        _idleTimeout = idleTimeout;
        _ownsFallback = fallback is null;
        _fallback = fallback ?? new HttpTransport(_budget.Limit);
        var sweepEvery = idleTimeout / 6;
        _sweep = new Timer(static budget => ((ConnectionBudget)budget!).CloseExpired(), _budget, sweepEvery, sweepEvery);
    }

    /// <summary>The cap on open sockets of this transport's own (plain http) path.</summary>
    public int MaxConnections => _budget.Limit;

    /// <summary>Sockets of the plain-http path open or being connected now.</summary>
    public int OpenConnections => _budget.Open;

    /// <summary>Requests waiting at the cap for a connection now.</summary>
    internal int WaitingRequests => _budget.Waiting;

    /// <summary>The idle connections of every pool, for tests.</summary>
    internal IEnumerable<LeanConnection> IdleConnections() => _pools.Values.SelectMany(pool => pool.IdleConnections());

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TransportResponse> SendAsync(TransportRequest request, CancellationToken cancellation)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellation.ThrowIfCancellationRequested();
        if (!IsPlainHttp(request.Uri)) return await _fallback.SendAsync(request, cancellation).ConfigureAwait(false);
        for (var redirects = 0; ; redirects++)
        {
            var (response, location) = await SendOnceAsync(request, cancellation).ConfigureAwait(false);
            if (location is null || redirects == MaxRedirects || !TryRedirect(ref request, response.Status, location)) return response;
            response.ReleaseBody();
            if (!IsPlainHttp(request.Uri)) return await _fallback.SendAsync(request, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Closes the pool of <paramref name="uri"/>'s host and port: for a target that is gone for good (the warm-up's
    /// throwaway responder), whose idle connections would otherwise hold their sockets and slots.
    /// </summary>
    public void Forget(Uri uri)
    {
        if (_pools.TryRemove((uri.IdnHost, uri.Port), out var pool)) pool.Dispose();
    }

    public void Dispose()
    {
        lock (_pools) _disposed = true;
        _sweep.Dispose();
        _budget.Dispose();
        foreach (var pool in _pools.Values) pool.Dispose();
        if (_ownsFallback) ((IDisposable)_fallback).Dispose();
    }

    private static bool IsPlainHttp(Uri uri) => uri.IsAbsoluteUri && uri.Scheme == Uri.UriSchemeHttp;

    /// <returns>The response, and its Location when it is a redirect.</returns>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<(TransportResponse Response, string? Location)> SendOnceAsync(TransportRequest request, CancellationToken cancellation)
    {
        var pool = Pool(request.Uri);
        // Null: this request holds a slot of the budget and opens its own connection.
        var connection = await pool.AcquireAsync(cancellation).ConfigureAwait(false);
        var retried = false;
        while (true)
        {
            if (connection is null)
            {
                try
                {
                    connection = await pool.ConnectAsync(cancellation).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    pool.ReleaseSlot();
                    if (cancellation.IsCancellationRequested) throw;
                    return (TransportResponse.Failed(Classify(e), e, Stopwatch.GetTimestamp()), null);
                }
            }

            LeanResult result;
            var registration = cancellation.UnsafeRegister(LeanConnection.Abort, connection);
            try
            {
                result = await connection.SendAsync(request, pool.HostHeader, request.ReadBody).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                registration.Dispose();
                // A pooled connection that fails before any byte of the response most likely was closed by the server
                // while idle: try once more on a fresh one (in the same slot), as browsers and SocketsHttpHandler do.
                if (connection.Reused && !connection.ReceivedAny && !retried && !_disposed && !cancellation.IsCancellationRequested)
                {
                    connection.Dispose();
                    retried = true;
                    connection = null;
                    continue;
                }
                pool.Discard(connection);
                if (cancellation.IsCancellationRequested) throw new OperationCanceledException("the request was cancelled", e, cancellation);
                return (TransportResponse.Failed(Classify(e), e, Stopwatch.GetTimestamp()), null);
            }
            registration.Dispose();
            // Cancelled just as the response completed: the socket may already be closed.
            if (result.KeepAlive && !cancellation.IsCancellationRequested) pool.Return(connection);
            else pool.Discard(connection);

            var response = new TransportResponse
            {
                Status = result.Head.Status,
                HeaderBytes = result.HeadBytes,
                BodyBytes = result.BodyBytes,
                BodyBuffer = result.Body,
                SetCookies = result.Head.SetCookies,
                HeadersTimestamp = result.HeadersTimestamp,
                EndTimestamp = result.EndTimestamp,
            };
            return (response, result.Head.Location);
        }
    }

    private ConnectionPool Pool(Uri uri)
    {
        var key = (uri.IdnHost, uri.Port);
        if (_pools.TryGetValue(key, out var pool)) return pool;
        // Under a lock rather than GetOrAdd, whose factory may run twice and register a second pool in the budget.
        lock (_pools)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_pools.TryGetValue(key, out pool)) return pool;
            pool = new ConnectionPool(key.IdnHost, key.Port, uri.IsDefaultPort, _budget, _idleTimeout);
            _pools[key] = pool;
            return pool;
        }
    }

    private static TransportError Classify(Exception e) => e is TimeoutException ? TransportError.Timeout : TransportErrorClassifier.Classify(e);

    /// <summary>Turns <paramref name="request"/> into the request SocketsHttpHandler would send for this redirect.</summary>
    /// <returns>False when the redirect is not to be followed.</returns>
    private static bool TryRedirect(ref TransportRequest request, int status, string location)
    {
        if (!Lean.ResponseHead.IsRedirect(status) || !Uri.TryCreate(request.Uri, location, out var target)) return false;
        if (target.Scheme != Uri.UriSchemeHttp && target.Scheme != Uri.UriSchemeHttps) return false;
        var forceGet = status switch
        {
            301 or 302 => request.Method == HttpMethod.Post,
            303 => request.Method != HttpMethod.Head,
            _ => false,
        };
        var headers = request.Headers;
        var dropContent = forceGet;
        if (dropContent || Array.Exists(headers, h => h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
        {
            headers = Array.FindAll(headers, h => !h.Key.Equals("Authorization", StringComparison.OrdinalIgnoreCase)
                && !(dropContent && h.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)));
        }
        request = forceGet
            ? request with { Method = HttpMethod.Get, Uri = target, Headers = headers, Body = null, ContentType = null }
            : request with { Uri = target, Headers = headers };
        return true;
    }
}
