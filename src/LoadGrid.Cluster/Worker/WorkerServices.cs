using LoadGrid.Http;

namespace LoadGrid.Cluster.Worker;

/// <summary>What every shard on a node shares: the node's one HTTP transport (one connection pool), its address, the
/// diagnostic sample log when LOADGRID_SAMPLE_LOG asks for one, and the trace sampling of iterations (null: off).</summary>
public sealed record WorkerServices(IHttpTransport Transport, string NodeAddress, LoadGrid.Core.Metrics.SampleLog? SampleLog = null, IterationTracing? Tracing = null)
{
    /// <summary>The node's shards' VUs and requests, for <c>node list</c> and the <c>loadgrid.vus.active</c> gauge.</summary>
    public NodeLoad Load { get; } = new();
}
