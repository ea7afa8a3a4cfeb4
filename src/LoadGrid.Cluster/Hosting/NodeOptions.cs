namespace LoadGrid.Cluster.Hosting;

/// <summary>How one LoadGrid node joins the cluster. The embedded default is one node with every role.</summary>
/// <param name="Hostname">The address remoting binds to.</param>
/// <param name="Port">Remoting port; 0 takes a free one.</param>
/// <param name="Regions">LoadGrid regions whose worker role this node has.</param>
/// <param name="Seeds">Seed node addresses "host:port"; empty means this node forms the cluster by joining itself.</param>
/// <param name="PublicHostname">The name other nodes reach this one by (containers: the service name); default <paramref name="Hostname"/>.</param>
/// <param name="Database">The journal of a coordinator node; null keeps no history (workers).</param>
/// <param name="ExtraHocon">HOCON laid over LoadGrid's own settings (from <c>--config</c>).</param>
/// <param name="SerializeMessages">Serialize every message, even local ones (tests turn it on to catch a missing binding).</param>
/// <param name="TakesOverRuns">A coordinator that becomes the run manager takes over runs the journal shows interrupted
/// within their planned time (a failover). Off for embedded runs: their workers died with the process.</param>
/// <param name="TraceSample">Fraction of iterations traced (an Activity per iteration and request, traceparent sent); 0 = off.</param>
public sealed record NodeOptions(
    string Hostname,
    int Port,
    bool IsCoordinator,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Seeds,
    string? PublicHostname = null,
    DatabaseLocation? Database = null,
    string? ExtraHocon = null,
    bool SerializeMessages = false,
    string SystemName = "loadgrid",
    bool TakesOverRuns = true,
    double TraceSample = 0)
{
    public static NodeOptions Embedded(IReadOnlyList<string> regions, DatabaseLocation database, bool serializeMessages = false, double traceSample = 0) =>
        new("127.0.0.1", 0, IsCoordinator: true, regions, [], Database: database, SerializeMessages: serializeMessages, TakesOverRuns: false, TraceSample: traceSample);
}
