namespace LoadGrid.Http.Lean;

/// <summary>
/// Picks the node's transport from <c>LOADGRID_HTTP_TRANSPORT</c>: <c>sockets</c> (the default) for
/// <see cref="HttpTransport"/> over SocketsHttpHandler, <c>lean</c> for <see cref="LeanHttpTransport"/> (plain http on
/// its own sockets, the rest through SocketsHttpHandler).
/// </summary>
public static class TransportSelection
{
    public const string Variable = "LOADGRID_HTTP_TRANSPORT";

    public static IHttpTransport FromEnvironment() => Create(Environment.GetEnvironmentVariable(Variable));

    /// <returns>A transport that is also <see cref="IDisposable"/>.</returns>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static IHttpTransport Create(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "sockets" => new HttpTransport(),
        "lean" => new LeanHttpTransport(),
        _ => throw new ArgumentException($"{Variable}={name}: expected 'lean' or 'sockets'", nameof(name)),
    };
}
