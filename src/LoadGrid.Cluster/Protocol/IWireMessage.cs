namespace LoadGrid.Cluster.Protocol;

/// <summary>
/// Marker for every message that may cross nodes. HOCON binds this interface to the MessagePack serializer, so a
/// message that forgets the marker falls back to Akka's JSON serializer — the serializer tests catch that.
/// </summary>
public interface IWireMessage;

/// <summary>A command addressed to one scenario shard entity; the entity id is <see cref="ShardId"/>.</summary>
public interface IShardCommand : IWireMessage
{
    string ShardId { get; }
}
