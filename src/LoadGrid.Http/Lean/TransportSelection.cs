using System.Globalization;

namespace LoadGrid.Http.Lean;

/// <summary>
/// Picks the node's transport from <c>LOADGRID_HTTP_TRANSPORT</c>: <c>lean</c> (the default) for
/// <see cref="LeanHttpTransport"/> (plain http on its own sockets, the rest through SocketsHttpHandler), <c>sockets</c>
/// for <see cref="HttpTransport"/> over SocketsHttpHandler for everything. <c>LOADGRID_MAX_CONNECTIONS</c> caps the
/// sockets open at once (default: the open-files limit less a reserve, see <see cref="ConnectionBudget"/>).
/// </summary>
public static class TransportSelection
{
    public const string Variable = "LOADGRID_HTTP_TRANSPORT";
    public const string MaxConnectionsVariable = "LOADGRID_MAX_CONNECTIONS";

    private enum Kind { Lean, Sockets }

    public static IHttpTransport FromEnvironment() =>
        Create(Environment.GetEnvironmentVariable(Variable), Environment.GetEnvironmentVariable(MaxConnectionsVariable));

    /// <returns>What is wrong with the two variables, or null: checked before a node starts, for a clear exit 2.</returns>
    public static string? EnvironmentError()
    {
        try
        {
            ParseKind(Environment.GetEnvironmentVariable(Variable));
            ParseCap(Environment.GetEnvironmentVariable(MaxConnectionsVariable));
            return null;
        }
        catch (ArgumentException e)
        {
            return e.Message;
        }
    }

    /// <returns>A transport that is also <see cref="IDisposable"/>.</returns>
    /// <exception cref="ArgumentException">An unknown name, or a cap that is not a whole number of at least 1.</exception>
    public static IHttpTransport Create(string? name, string? maxConnections = null)
    {
        var kind = ParseKind(name);
        var cap = ParseCap(maxConnections);
        return kind == Kind.Lean ? new LeanHttpTransport(maxConnections: cap) : new HttpTransport(cap);
    }

    private static Kind ParseKind(string? name) => name?.Trim().ToLowerInvariant() switch
    {
        null or "" or "lean" => Kind.Lean,
        "sockets" => Kind.Sockets,
        _ => throw new ArgumentException($"{Variable}={name}: expected 'lean' or 'sockets'"),
    };

    private static int? ParseCap(string? maxConnections)
    {
        if (string.IsNullOrWhiteSpace(maxConnections)) return null;
        if (!int.TryParse(maxConnections.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var cap) || cap < 1)
        {
            throw new ArgumentException($"{MaxConnectionsVariable}={maxConnections}: expected a whole number of sockets, at least 1");
        }
        return cap;
    }
}
