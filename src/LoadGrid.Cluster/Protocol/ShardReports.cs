using MessagePack;

namespace LoadGrid.Cluster.Protocol;

/// <summary>A shard has parsed its assignment and is running on <see cref="Node"/>.</summary>
[MessagePackObject]
public sealed record ShardStarted(
    [property: Key(0)] string RunId,
    [property: Key(1)] string ShardId,
    [property: Key(2)] string Node) : IWireMessage;

/// <summary>A shard could not start (e.g. the scenario text failed to parse on the worker).</summary>
[MessagePackObject]
public sealed record ShardFailed(
    [property: Key(0)] string RunId,
    [property: Key(1)] string ShardId,
    [property: Key(2)] string Node,
    [property: Key(3)] string Reason) : IWireMessage;

/// <summary>
/// One interval (about a second) of a shard's measurements: encoded histograms and counters
/// (see <c>IntervalCodec</c>). <see cref="Seq"/> is the interval's second since the run clock's zero; the coordinator
/// counts a (shard, seq) pair once, so a re-sent interval is harmless.
/// </summary>
[MessagePackObject]
public sealed record MetricsInterval(
    [property: Key(0)] string RunId,
    [property: Key(1)] string ShardId,
    [property: Key(2)] int Seq,
    [property: Key(3)] string Node,
    [property: Key(4)] byte[] Payload) : IWireMessage;

/// <summary>The shard has stopped all its VUs and sent its last interval (<see cref="LastSeq"/>).</summary>
[MessagePackObject]
public sealed record ShardFinished(
    [property: Key(0)] string RunId,
    [property: Key(1)] string ShardId,
    [property: Key(2)] int LastSeq,
    [property: Key(3)] string Node) : IWireMessage;

/// <summary>
/// The run's coordinator is alive and still wants this shard's load: sent every second straight to each running
/// shard. A shard that hears none for a while stops its load (see <c>ScenarioShardActor.CutOffAfter</c>), so a worker
/// cut off from its coordinator never keeps hitting a target nobody is watching.
/// </summary>
[MessagePackObject]
public sealed record RunHeartbeat(
    [property: Key(0)] string RunId) : IWireMessage;

/// <summary>
/// The shard's worker is leaving the cluster (graceful shutdown): it stopped the shard's load after sending its last
/// interval (<see cref="LastSeq"/>); the coordinator hands the segment to another worker of the region at once.
/// </summary>
[MessagePackObject]
public sealed record ShardHandedOff(
    [property: Key(0)] string RunId,
    [property: Key(1)] string ShardId,
    [property: Key(2)] int LastSeq,
    [property: Key(3)] string Node) : IWireMessage;

/// <summary>The coordinator has the shard's end on record: the shard may drop its kept intervals and passivate.</summary>
[MessagePackObject]
public sealed record ShardFinishedAck(
    [property: Key(0)] string RunId,
    [property: Key(1)] string ShardId) : IWireMessage;
