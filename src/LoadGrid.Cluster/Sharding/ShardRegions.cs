using System.Collections.Concurrent;
using Akka.Actor;
using Akka.Cluster;
using Akka.Cluster.Sharding;
using LoadGrid.Cluster.Worker;

namespace LoadGrid.Cluster.Sharding;

/// <summary>
/// The shard region (or proxy) of every LoadGrid region known on this node. A node that has the region's worker
/// role hosts the region's entities; any other node (e.g. a coordinator-only node) talks to them through a proxy.
/// </summary>
public sealed class ShardRegions(ActorSystem system, WorkerServices workerServices)
{
    private readonly ConcurrentDictionary<string, IActorRef> _regions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, IActorRef> _hosted = new(StringComparer.Ordinal);
    private readonly Props _shardProps = ScenarioShardActor.CreateProps(workerServices);

    public WorkerServices Services => workerServices;

    public IActorRef For(string region) => _regions.GetOrAdd(region, Start);

    /// <summary>The region or proxy if this node has started it; never starts one (starting blocks, so not in an actor).</summary>
    public IActorRef? Started(string region) => _regions.GetValueOrDefault(region);

    /// <summary>The regions whose entities live on this node (not the proxies), for the node-health gauges.</summary>
    public IReadOnlyDictionary<string, IActorRef> Hosted() => new Dictionary<string, IActorRef>(_hosted, StringComparer.Ordinal);

    private IActorRef Start(string region)
    {
        var sharding = ClusterSharding.Get(system);
        var role = ShardRegionNames.WorkerRole(region);
        var extractor = new ShardMessageExtractor();
        var typeName = ShardRegionNames.TypeName(region);
        if (Akka.Cluster.Cluster.Get(system).SelfRoles.Contains(role))
        {
            var settings = ClusterShardingSettings.Create(system).WithRole(role);
            var allocation = new WorkerSlotAllocation(Akka.Cluster.Cluster.Get(system).SelfAddress);
            var started = sharding.Start(typeName, _shardProps, settings, extractor, allocation, ShardHandOff.Instance);
            _hosted[region] = started;
            return started;
        }
        return sharding.StartProxy(typeName, role, extractor);
    }
}
