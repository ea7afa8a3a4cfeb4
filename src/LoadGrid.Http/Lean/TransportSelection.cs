namespace LoadGrid.Http.Lean;

/// <summary>
/// Picks the node's transport from <c>LOADGRID_HTTP_TRANSPORT</c>: <c>lean</c> (the default) for
/// <see cref="LeanHttpTransport"/> (plain http on its own sockets, the rest through SocketsHttpHandler), <c>sockets</c>
/// for <see cref="HttpTransport"/> over SocketsHttpHandler for everything.
/// </summary>
public static class TransportSelection
{
    public const string Variable = "LOADGRID_HTTP_TRANSPORT";

    public static IHttpTransport FromEnvironment() => Create(Environment.GetEnvironmentVariable(Variable));

    /// <returns>A transport that is also <see cref="IDisposable"/>.</returns>
    /// <exception cref="ArgumentException">An unknown name.</exception>
    public static IHttpTransport Create(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "lean" => new LeanHttpTransport(),
        "sockets" => new HttpTransport(),
        _ => throw new ArgumentException($"{Variable}={name}: expected 'lean' or 'sockets'", nameof(name)),
    };
}
