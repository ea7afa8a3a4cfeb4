using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace LoadGrid.Cluster.Telemetry;

/// <summary>
/// The active VUs of each shard on this node as of its last interval, for the <c>loadgrid.vus.active</c> gauge.
/// Written once a second per shard, read at collection time.
/// </summary>
public sealed class ActiveVuRegistry
{
    private readonly ConcurrentDictionary<string, (string Run, string Scenario, string Region, int Vus)> _shards = new(StringComparer.Ordinal);

    public void Report(string shardId, string run, string scenario, string region, int activeVus) =>
        _shards[shardId] = (run, scenario, region, activeVus);

    public void Remove(string shardId) => _shards.TryRemove(shardId, out _);

    /// <summary>One measurement per (run, scenario, region): two shards of one such triple on a node (a take-over) add up.</summary>
    public IEnumerable<Measurement<int>> Observe() => _shards.Values
        .GroupBy(s => (s.Run, s.Scenario, s.Region))
        .Select(g => new Measurement<int>(g.Sum(s => s.Vus),
            new KeyValuePair<string, object?>(TagNames.Run, g.Key.Run),
            new KeyValuePair<string, object?>(TagNames.Scenario, g.Key.Scenario),
            new KeyValuePair<string, object?>(TagNames.Region, g.Key.Region)))
        .ToArray();
}
