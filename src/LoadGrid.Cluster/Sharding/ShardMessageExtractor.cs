using Akka.Cluster.Sharding;
using LoadGrid.Cluster.Protocol;

namespace LoadGrid.Cluster.Sharding;

/// <summary>
/// Routes <see cref="IShardCommand"/>s to the entity named by their shard id, and puts every entity of one run
/// that shares a worker slot into one Akka shard, <c>{runId}/{slot}</c>. <see cref="WorkerSlotAllocation"/> then
/// places slot k on the k-th worker of the region, so the planner's "one slot per worker" holds (hashing entity ids
/// into shards could put two slots on one worker and leave another idle).
/// </summary>
public sealed class ShardMessageExtractor : IMessageExtractor
{
    public string? EntityId(object message) => (message as IShardCommand)?.ShardId;

    public object? EntityMessage(object message) => message;

    public string? ShardId(object message) => message is IShardCommand command ? ShardIdOf(command.ShardId) : null;

    public string ShardId(string entityId, object? messageHint = null) => ShardIdOf(entityId);

    /// <summary>Entity ids are <c>{runId}.{scenario}.{region}.{slot}</c> (see <c>RunPlanner</c>); the shard is <c>{runId}/{slot}</c>.</summary>
    public static string ShardIdOf(string entityId)
    {
        var firstDot = entityId.IndexOf('.');
        var lastDot = entityId.LastIndexOf('.');
        return firstDot < 0 ? entityId : $"{entityId[..firstDot]}/{entityId[(lastDot + 1)..]}";
    }

    /// <summary>The worker slot of a shard id made by <see cref="ShardIdOf"/>; 0 when it has none.</summary>
    public static int SlotOf(string shardId)
    {
        var slash = shardId.LastIndexOf('/');
        return slash >= 0 && int.TryParse(shardId.AsSpan(slash + 1), out var slot) && slot >= 0 ? slot : 0;
    }
}
