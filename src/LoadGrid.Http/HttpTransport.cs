using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Http;

/// <summary>
/// The node's one HTTP transport: a single SocketsHttpHandler (one connection pool per target) shared by every
/// virtual user on the node. Cookies are per VU, so the handler keeps none; redirects are followed (at most 10).
/// </summary>
public sealed class HttpTransport : IHttpTransport, IDisposable
{
    private const int DrainBufferSize = 16 * 1024;
    // A Content-Length above this is not trusted for the first buffer; the body grows into larger ones as it arrives.
    private const int MaxInitialBodyBuffer = 1024 * 1024;
    // "HTTP/1.1 200 OK\r\n" plus the blank line that ends the headers.
    private const int StatusLineEstimate = 19;

    private readonly HttpMessageInvoker _invoker;

    /// <param name="maxConnectionsPerServer">Connections to one host at once (default: the open-files limit less a
    /// reserve, as the lean transport's cap); more concurrent requests wait for one in SocketsHttpHandler's queue.</param>
    public HttpTransport(int? maxConnectionsPerServer = null)
    {
        MaxConnectionsPerServer = maxConnectionsPerServer ?? Lean.ConnectionBudget.DefaultLimit();
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            MaxConnectionsPerServer = MaxConnectionsPerServer,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            ConnectTimeout = TimeSpan.FromSeconds(10),
            UseProxy = false,
            AutomaticDecompression = DecompressionMethods.None,
            EnableMultipleHttp2Connections = true,
            // No W3C trace headers on generated load: they cost CPU per request and are not the user's traffic.
            ActivityHeadersPropagator = null,
        };
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>SocketsHttpHandler's cap on connections to one host.</summary>
    public int MaxConnectionsPerServer { get; }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<TransportResponse> SendAsync(TransportRequest request, CancellationToken cancellation)
    {
        using var message = CreateMessage(request);
        HttpResponseMessage response;
        try
        {
            response = await _invoker.SendAsync(message, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (!cancellation.IsCancellationRequested)
        {
            // An OperationCanceledException not caused by the caller is the handler's ConnectTimeout.
            var error = e is OperationCanceledException ? TransportError.Timeout : TransportErrorClassifier.Classify(e);
            return TransportResponse.Failed(error, e, Stopwatch.GetTimestamp());
        }

        using (response)
        {
            var headersTimestamp = Stopwatch.GetTimestamp();
            var headerBytes = EstimateHeaderBytes(response);
            var setCookies = SetCookies(response);
            try
            {
                long bodyBytes;
                byte[]? buffer = null;
                var stream = response.Content.ReadAsStream(cancellation);
                await using (stream.ConfigureAwait(false))
                {
                    if (request.ReadBody)
                    {
                        (buffer, bodyBytes) = await ReadAllAsync(stream, response.Content.Headers.ContentLength, cancellation).ConfigureAwait(false);
                    }
                    else
                    {
                        bodyBytes = await DrainAsync(stream, cancellation).ConfigureAwait(false);
                    }
                }
                return new TransportResponse
                {
                    Status = (int)response.StatusCode,
                    HeaderBytes = headerBytes,
                    BodyBytes = bodyBytes,
                    BodyBuffer = buffer,
                    SetCookies = setCookies,
                    HeadersTimestamp = headersTimestamp,
                    EndTimestamp = Stopwatch.GetTimestamp(),
                };
            }
            catch (Exception e)
            {
                if (cancellation.IsCancellationRequested) throw;
                var error = e is OperationCanceledException ? TransportError.Timeout : TransportErrorClassifier.Classify(e);
                return TransportResponse.Failed(error, e, Stopwatch.GetTimestamp()) with { HeaderBytes = headerBytes, HeadersTimestamp = headersTimestamp };
            }
        }
    }

    public void Dispose() => _invoker.Dispose();

    private static HttpRequestMessage CreateMessage(in TransportRequest request)
    {
        var message = new HttpRequestMessage(request.Method, request.Uri);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
        }
        foreach (var (name, value) in request.Headers)
        {
            // A traced request's own span is its parent in the target's APM, not whatever the step wrote.
            if (request.TraceParent is not null && name.Equals("traceparent", StringComparison.OrdinalIgnoreCase)) continue;
            if (message.Headers.TryAddWithoutValidation(name, value)) continue;
            // Not a request header, so a content header (Content-Type, Content-Encoding…); the step's own value wins.
            if (message.Content is null) continue;
            message.Content.Headers.Remove(name);
            message.Content.Headers.TryAddWithoutValidation(name, value);
        }
        if (request.Cookie is not null) message.Headers.TryAddWithoutValidation("Cookie", request.Cookie);
        // Set here rather than by the handler's propagator (off above), so only sampled requests carry one.
        if (request.TraceParent is not null) message.Headers.TryAddWithoutValidation("traceparent", request.TraceParent);
        return message;
    }

    private static int InitialBufferSize(long? contentLength) =>
        contentLength is { } length ? (int)Math.Clamp(length, 1, MaxInitialBodyBuffer) : DrainBufferSize;

    /// <returns>A pooled buffer holding the body, and the body length. On failure the buffer is already returned.</returns>
    private static async ValueTask<(byte[] Buffer, long Length)> ReadAllAsync(Stream stream, long? contentLength, CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize(contentLength));
        var length = 0;
        while (true)
        {
            if (length == buffer.Length)
            {
                // A body that exactly fills its declared length is complete: no need to grow just to read the end.
                if (contentLength == length) break;
                var larger = ArrayPool<byte>.Shared.Rent(checked(buffer.Length * 2));
                buffer.AsSpan(0, length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = larger;
            }
            int read;
            try
            {
                read = await stream.ReadAsync(buffer.AsMemory(length), cancellation).ConfigureAwait(false);
            }
            catch
            {
                ArrayPool<byte>.Shared.Return(buffer);
                throw;
            }
            if (read == 0) break;
            length += read;
        }
        return (buffer, length);
    }

    private static async ValueTask<long> DrainAsync(Stream stream, CancellationToken cancellation)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(DrainBufferSize);
        try
        {
            long total = 0;
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellation).ConfigureAwait(false)) > 0) total += read;
            return total;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static long EstimateHeaderBytes(HttpResponseMessage response)
    {
        long total = StatusLineEstimate;
        // NonValidated views enumerate the raw values without parsing or allocating them.
        foreach (var header in response.Headers.NonValidated) total += HeaderBytes(header.Key, header.Value);
        foreach (var header in response.Content.Headers.NonValidated) total += HeaderBytes(header.Key, header.Value);
        return total;
    }

    private static long HeaderBytes(string name, HeaderStringValues values)
    {
        long total = 0;
        foreach (var value in values) total += name.Length + value.Length + 4; // "name: value\r\n"
        return total;
    }

    private static string[]? SetCookies(HttpResponseMessage response)
    {
        if (!response.Headers.NonValidated.TryGetValues("Set-Cookie", out var values) || values.Count == 0) return null;
        var cookies = new string[values.Count];
        var i = 0;
        foreach (var value in values) cookies[i++] = value;
        return cookies;
    }
}
