using LoadGrid.Http;

namespace LoadGrid.Cluster.Worker;

/// <summary>What every shard on a node shares: the node's one HTTP transport (one connection pool) and its address.</summary>
public sealed record WorkerServices(IHttpTransport Transport, string NodeAddress);
