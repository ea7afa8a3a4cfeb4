using LoadGrid.Core.Metrics;

namespace LoadGrid.Http;

/// <summary>
/// The narrow seam between a flow and the network: a request in; status, cookies and the body (only when asked
/// for) out. Transport failures come back classified in <see cref="TransportResponse.Error"/>, never as exceptions;
/// only the run's own cancellation throws (<see cref="OperationCanceledException"/>). A leaner HTTP/1.1 path can
/// replace the SocketsHttpHandler one behind this interface.
/// </summary>
public interface IHttpTransport
{
    Task<TransportResponse> SendAsync(TransportRequest request, bool readBody, TimeSpan timeout, CancellationToken cancellation);
}

/// <param name="Cookie">The Cookie header value from the VU's cookie jar, or null.</param>
public sealed record TransportRequest(
    HttpMethod Method,
    Uri Uri,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    string? Cookie,
    byte[]? Body,
    string? ContentType);

/// <param name="Body">The body, when it was asked for and a response arrived.</param>
/// <param name="SetCookies">Set-Cookie values of the response, when there were any.</param>
public readonly record struct TransportResponse(
    int Status,
    TransportError Error,
    byte[]? Body,
    long BytesReceived,
    IReadOnlyList<string>? SetCookies)
{
    public static TransportResponse Failed(TransportError error) => new(0, error, null, 0, null);
}
