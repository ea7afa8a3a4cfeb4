using System.Collections.Concurrent;

namespace LoadGrid.Cluster.Worker;

/// <summary>
/// What the shards on this node are doing, as of their last one-second interval: active VUs and requests. Read by
/// <c>node list</c> (through <see cref="Hosting.NodeStatsActor"/>) and by the <c>loadgrid.vus.active</c> gauge;
/// written once a second per shard, so it costs nothing on the request path.
/// </summary>
public sealed class NodeLoad
{
    private readonly ConcurrentDictionary<string, ShardLoad> _shards = new(StringComparer.Ordinal);

    public void Report(string shardId, string run, string scenario, string region, int activeVus, long requestsLastInterval) =>
        _shards[shardId] = new ShardLoad(run, scenario, region, activeVus, requestsLastInterval);

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

    /// <summary>Active VUs per (run, scenario, region): two shards of one such triple on a node (a take-over) add up.</summary>
    public IReadOnlyList<(string Run, string Scenario, string Region, int Vus)> VusByScenario() => _shards.Values
        .GroupBy(s => (s.Run, s.Scenario, s.Region))
        .Select(g => (g.Key.Run, g.Key.Scenario, g.Key.Region, g.Sum(s => s.Vus)))
        .ToArray();

    private sealed record ShardLoad(string Run, string Scenario, string Region, int Vus, long Requests);
}
