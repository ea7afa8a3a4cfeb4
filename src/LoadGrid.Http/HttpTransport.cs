using System.Buffers;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Http;

/// <summary>
/// The node's one HTTP client: a single SocketsHttpHandler (one connection pool shared by every VU of the node, for
/// TLS, HTTP/2, redirects and proxies without surprises). Cookies are the VUs' own (the handler keeps none).
/// </summary>
public sealed class HttpTransport : IHttpTransport, IDisposable
{
    private const int DrainBufferSize = 16 * 1024;

    private readonly HttpMessageInvoker _invoker;

    public HttpTransport()
    {
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = true,
            MaxAutomaticRedirections = 10,
            AutomaticDecompression = DecompressionMethods.None,
            MaxConnectionsPerServer = int.MaxValue,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(90),
            EnableMultipleHttp2Connections = true,
        };
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    public async Task<TransportResponse> SendAsync(TransportRequest request, bool readBody, TimeSpan timeout, CancellationToken cancellation)
    {
        using var message = new HttpRequestMessage(request.Method, request.Uri);
        foreach (var (name, value) in request.Headers)
            if (!IsContentHeader(name)) message.Headers.TryAddWithoutValidation(name, value);
        if (request.Cookie is not null) message.Headers.TryAddWithoutValidation("Cookie", request.Cookie);
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null) message.Content.Headers.TryAddWithoutValidation("Content-Type", request.ContentType);
            foreach (var (name, value) in request.Headers)
                if (IsContentHeader(name) && !name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                    message.Content.Headers.TryAddWithoutValidation(name, value);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await _invoker.SendAsync(message, deadline.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToArray() : null;
            byte[]? body = null;
            long received;
            if (readBody)
            {
                body = await response.Content.ReadAsByteArrayAsync(deadline.Token).ConfigureAwait(false);
                received = body.Length;
            }
            else
            {
                received = await DrainAsync(response.Content, deadline.Token).ConfigureAwait(false);
            }
            return new TransportResponse(status, TransportError.None, body, received + EstimateHeaderBytes(response.Headers), cookies);
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return TransportResponse.Failed(TransportError.Timeout);
        }
        catch (Exception e) when (e is HttpRequestException or IOException or SocketException or InvalidOperationException)
        {
            return TransportResponse.Failed(TransportErrors.Classify(e));
        }
    }

    public void Dispose() => _invoker.Dispose();

    /// <summary>Content-* headers belong to a body; on a request without one they are dropped.</summary>
    private static bool IsContentHeader(string name) => name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase);

    private static async Task<long> DrainAsync(HttpContent content, CancellationToken cancellation)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellation).ConfigureAwait(false);
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

    /// <summary>A cheap estimate (name + value + separators) — enough for a bytes-received figure.</summary>
    private static long EstimateHeaderBytes(HttpResponseHeaders headers)
    {
        long bytes = 17; // status line
        foreach (var header in headers)
            foreach (var value in header.Value) bytes += header.Key.Length + value.Length + 4;
        return bytes;
    }
}
