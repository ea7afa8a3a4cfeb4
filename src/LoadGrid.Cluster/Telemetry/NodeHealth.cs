using System.Diagnostics.Metrics;

namespace LoadGrid.Cluster.Telemetry;

/// <summary>
/// This node's view of the cluster and of the shards it hosts, as last sampled by <see cref="NodeHealthActor"/>;
/// the node-health gauges read it. Each field is replaced whole (immutable arrays), so readers need no lock.
/// </summary>
public sealed class NodeHealth
{
    private volatile Measurement<int>[] _members = [];
    private volatile Measurement<int>[] _unreachable = [];
    private volatile Measurement<int>[] _shards = [];
    private volatile Measurement<int>[] _entities = [];

    public IEnumerable<Measurement<int>> ObserveMembers() => _members;

    public IEnumerable<Measurement<int>> ObserveUnreachable() => _unreachable;

    public IEnumerable<Measurement<int>> ObserveShards() => _shards;

    public IEnumerable<Measurement<int>> ObserveEntities() => _entities;

    /// <param name="membersByStatus">Member count per status (every status present, zeros included, so a series drops to 0 rather than vanishing).</param>
    public void UpdateCluster(IReadOnlyDictionary<string, int> membersByStatus, int unreachable)
    {
        _members = membersByStatus.Select(m => new Measurement<int>(m.Value, new KeyValuePair<string, object?>(TagNames.Status, m.Key))).ToArray();
        _unreachable = [new Measurement<int>(unreachable)];
    }

    public void UpdateShards(IReadOnlyDictionary<string, (int Shards, int Entities)> perRegion)
    {
        _shards = perRegion.Select(r => new Measurement<int>(r.Value.Shards, new KeyValuePair<string, object?>(TagNames.Region, r.Key))).ToArray();
        _entities = perRegion.Select(r => new Measurement<int>(r.Value.Entities, new KeyValuePair<string, object?>(TagNames.Region, r.Key))).ToArray();
    }
}
