using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Http;

/// <summary>Maps what SocketsHttpHandler throws onto <see cref="TransportError"/>.</summary>
internal static class TransportErrorClassifier
{
    public static TransportError Classify(Exception exception)
    {
        // The socket's own error code is the most precise signal, wherever in the chain it sits
        // (a reset while reading the body arrives as IOException → SocketException).
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case SocketException socket:
                    return FromSocketError(socket.SocketErrorCode);
                case AuthenticationException:
                    return TransportError.Tls;
            }
        }
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case HttpRequestException request when request.HttpRequestError != HttpRequestError.Unknown:
                    return FromHttpRequestError(request.HttpRequestError);
                case HttpIOException io when io.HttpRequestError != HttpRequestError.Unknown:
                    return FromHttpRequestError(io.HttpRequestError);
                case TimeoutException:
                    return TransportError.Timeout;
            }
        }
        return TransportError.Other;
    }

    private static TransportError FromSocketError(SocketError error) => error switch
    {
        SocketError.ConnectionRefused => TransportError.ConnectionRefused,
        SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown or SocketError.NotConnected => TransportError.ConnectionReset,
        SocketError.TimedOut => TransportError.Timeout,
        SocketError.HostNotFound or SocketError.TryAgain or SocketError.NoData or SocketError.NoRecovery => TransportError.Dns,
        _ => TransportError.Other,
    };

    private static TransportError FromHttpRequestError(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => TransportError.Dns,
        HttpRequestError.SecureConnectionError => TransportError.Tls,
        HttpRequestError.InvalidResponse
            or HttpRequestError.ResponseEnded
            or HttpRequestError.HttpProtocolError
            or HttpRequestError.VersionNegotiationError
            or HttpRequestError.ConfigurationLimitExceeded => TransportError.Protocol,
        _ => TransportError.Other,
    };
}
