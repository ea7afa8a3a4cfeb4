using System.Collections.Immutable;
using Akka.Actor;
using Akka.Cluster.Sharding;

namespace LoadGrid.Cluster.Sharding;

/// <summary>
/// Places a run's shard <c>{runId}/{k}</c> on the k-th shard region of the LoadGrid region (regions ordered by node
/// address), modulo the regions present. The coordinator plans one slot per worker it sees at the start of a run,
/// so every worker gets work, a worker that joined since gets the next run's new slot, and a worker's slots move
/// only when it leaves or dies (then to the survivors, again by slot). Never rebalances: moving a running shard
/// would restart its VUs for nothing.
/// </summary>
public sealed class WorkerSlotAllocation(Address selfAddress) : IShardAllocationStrategy
{
    public Task<IActorRef> AllocateShard(IActorRef requester, string shardId, IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations)
    {
        if (currentShardAllocations.Count == 0) return Task.FromResult(requester);
        var ordered = currentShardAllocations.Keys.OrderBy(AddressOf, StringComparer.Ordinal).ToArray();
        return Task.FromResult(ordered[ShardMessageExtractor.SlotOf(shardId) % ordered.Length]);
    }

    public Task<IImmutableSet<string>> Rebalance(IImmutableDictionary<IActorRef, IImmutableList<string>> currentShardAllocations, IImmutableSet<string> rebalanceInProgress) =>
        Task.FromResult<IImmutableSet<string>>(ImmutableHashSet<string>.Empty);

    /// <summary>A region's full path with its node's address; the local region's ref carries no host, so it gets this node's.</summary>
    private string AddressOf(IActorRef region) =>
        region.Path.ToStringWithAddress(region.Path.Address.HasLocalScope ? selfAddress : region.Path.Address);
}
