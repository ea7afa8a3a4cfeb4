using System.Collections.Concurrent;

namespace LoadGrid.Cluster.Worker;

/// <summary>
/// What the shards on this node are doing, as of their last one-second interval: active VUs and requests. Read by
/// <c>node list</c> (through <see cref="Hosting.NodeStatsActor"/>); written once a second per shard, so it costs nothing on
/// the request path.
/// </summary>
public sealed class NodeLoad
{
    private readonly ConcurrentDictionary<string, (int Vus, long Requests)> _shards = new(StringComparer.Ordinal);

    public void Report(string shardId, int activeVus, long requestsLastInterval) => _shards[shardId] = (activeVus, requestsLastInterval);

    public void Remove(string shardId) => _shards.TryRemove(shardId, out _);

    public (int Shards, int Vus, long RequestsPerSecond) Totals()
    {
        int shards = 0, vus = 0;
        long requests = 0;
        foreach (var (_, load) in _shards)
        {
            shards++;
            vus += load.Vus;
            requests += load.Requests;
        }
        return (shards, vus, requests);
    }
}
