using System.Buffers;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Http;

/// <summary>
/// The narrow seam between the flow runner and the wire: one request in, status / body-as-needed / sizes / timings
/// out. <see cref="HttpTransport"/> implements it over SocketsHttpHandler; a lean HTTP/1.1 socket path can replace it
/// without touching the runner.
/// </summary>
public interface IHttpTransport
{
    /// <summary>
    /// Sends <paramref name="request"/> and reads the whole response. Transport failures (refused, reset, invalid
    /// response, TLS, DNS, the transport's own connect timeout) are returned in <see cref="TransportResponse.Error"/>,
    /// never thrown.
    /// </summary>
    /// <exception cref="OperationCanceledException">Only when <paramref name="cancellation"/> was cancelled.</exception>
    ValueTask<TransportResponse> SendAsync(TransportRequest request, CancellationToken cancellation);
}

/// <summary>One request to send.</summary>
/// <param name="Headers">Extra request headers (content headers such as Content-Type included); shared, never modified.</param>
/// <param name="Body">The request body, or null for none.</param>
/// <param name="ContentType">Content-Type of <paramref name="Body"/> unless <paramref name="Headers"/> sets one.</param>
/// <param name="Cookie">The Cookie header value from the virtual user's cookies, or null.</param>
/// <param name="ReadBody">True to return the body in memory; otherwise it is drained and only counted.</param>
/// <param name="TraceParent">The W3C traceparent header value of a traced (sampled) request, or null: no header.</param>
public readonly record struct TransportRequest(
    HttpMethod Method,
    Uri Uri,
    KeyValuePair<string, string>[] Headers,
    byte[]? Body,
    string? ContentType,
    string? Cookie,
    bool ReadBody,
    string? TraceParent = null);

/// <summary>
/// What came back. When <see cref="Error"/> is not <see cref="TransportError.None"/>, <see cref="Status"/> is 0 and
/// there is no body. A body read into memory lives in a pooled buffer: call <see cref="ReleaseBody"/> exactly once
/// when done with it.
/// </summary>
public readonly struct TransportResponse
{
    public int Status { get; init; }

    public TransportError Error { get; init; }

    /// <summary>The failure behind <see cref="Error"/>, for diagnostics.</summary>
    public Exception? Exception { get; init; }

    /// <summary>Rough size of the status line and headers.</summary>
    public long HeaderBytes { get; init; }

    /// <summary>Body bytes received (decoded length as the stream delivered them).</summary>
    public long BodyBytes { get; init; }

    /// <summary>A pooled buffer whose first <see cref="BodyBytes"/> bytes are the body; null unless asked for.</summary>
    public byte[]? BodyBuffer { get; init; }

    /// <summary>The Set-Cookie header values, or null when there were none.</summary>
    public string[]? SetCookies { get; init; }

    /// <summary><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when the response headers had arrived (0 if they did not).</summary>
    public long HeadersTimestamp { get; init; }

    /// <summary><see cref="System.Diagnostics.Stopwatch.GetTimestamp"/> when the last body byte had arrived, or when the request failed.</summary>
    public long EndTimestamp { get; init; }

    public ReadOnlyMemory<byte> Body => BodyBuffer is null ? ReadOnlyMemory<byte>.Empty : BodyBuffer.AsMemory(0, (int)BodyBytes);

    public static TransportResponse Failed(TransportError error, Exception? exception, long endTimestamp) =>
        new() { Error = error, Exception = exception, EndTimestamp = endTimestamp };

    public void ReleaseBody()
    {
        if (BodyBuffer is not null) ArrayPool<byte>.Shared.Return(BodyBuffer);
    }
}
