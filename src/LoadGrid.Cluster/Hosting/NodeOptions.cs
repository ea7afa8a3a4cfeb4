namespace LoadGrid.Cluster.Hosting;

/// <summary>How one LoadGrid node joins the cluster. The embedded default is one node with every role.</summary>
/// <param name="Regions">LoadGrid regions whose worker role this node has.</param>
/// <param name="Seeds">Seed node addresses "host:port"; empty means this node forms the cluster by joining itself.</param>
/// <param name="SerializeMessages">Serialize every message, even local ones (tests turn it on to catch a missing binding).</param>
public sealed record NodeOptions(
    string Hostname,
    int Port,
    bool IsCoordinator,
    IReadOnlyList<string> Regions,
    IReadOnlyList<string> Seeds,
    bool SerializeMessages = false,
    string SystemName = "loadgrid")
{
    public static NodeOptions Embedded(IReadOnlyList<string> regions, bool serializeMessages = false) =>
        new("127.0.0.1", 0, IsCoordinator: true, regions, [], serializeMessages);
}
