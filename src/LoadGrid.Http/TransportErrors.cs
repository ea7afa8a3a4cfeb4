using System.Net.Sockets;
using System.Security.Authentication;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Http;

/// <summary>Maps what SocketsHttpHandler throws to the kinds of failure a user reads in the summary.</summary>
public static class TransportErrors
{
    public static TransportError Classify(Exception error)
    {
        if (error is HttpRequestException { HttpRequestError: var kind } && kind != HttpRequestError.Unknown)
        {
            switch (kind)
            {
                case HttpRequestError.NameResolutionError: return TransportError.Dns;
                case HttpRequestError.SecureConnectionError: return TransportError.Tls;
                case HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError or HttpRequestError.ConfigurationLimitExceeded:
                    return TransportError.Protocol;
                case HttpRequestError.ResponseEnded: return TransportError.ConnectionReset;
            }
        }
        if (error is HttpIOException { HttpRequestError: HttpRequestError.InvalidResponse or HttpRequestError.HttpProtocolError })
            return TransportError.Protocol;
        for (var inner = error; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case SocketException { SocketErrorCode: SocketError.ConnectionRefused }: return TransportError.ConnectionRefused;
                case SocketException { SocketErrorCode: SocketError.ConnectionReset or SocketError.ConnectionAborted or SocketError.Shutdown }:
                    return TransportError.ConnectionReset;
                case SocketException { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain }: return TransportError.Dns;
                case SocketException { SocketErrorCode: SocketError.TimedOut }: return TransportError.Timeout;
                case AuthenticationException: return TransportError.Tls;
                case HttpIOException { HttpRequestError: HttpRequestError.ResponseEnded }: return TransportError.ConnectionReset;
            }
        }
        return error is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } ? TransportError.ConnectionRefused : TransportError.Other;
    }
}
