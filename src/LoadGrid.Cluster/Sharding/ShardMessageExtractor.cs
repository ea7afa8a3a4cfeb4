using Akka.Cluster.Sharding;
using LoadGrid.Cluster.Protocol;

namespace LoadGrid.Cluster.Sharding;

/// <summary>Routes <see cref="IShardCommand"/>s to the entity named by their shard id.</summary>
public sealed class ShardMessageExtractor(int maxNumberOfShards) : HashCodeMessageExtractor(maxNumberOfShards)
{
    public override string? EntityId(object message) => (message as IShardCommand)?.ShardId;
}
