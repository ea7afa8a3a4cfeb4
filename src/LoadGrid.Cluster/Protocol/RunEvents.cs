using MessagePack;

namespace LoadGrid.Cluster.Protocol;

/// <summary>
/// Events of a run's coordinator, persisted in the journal under persistence id <c>run-{runId}</c>. Coarse on
/// purpose (a handful per shard, none per interval): the journal is the run's history, not its metrics store.
/// </summary>
public interface IRunEvent : IWireMessage
{
    string RunId { get; }
}

/// <summary>The run as submitted: enough to show it in a list, to know what was asked, and for a successor
/// coordinator to take the run over (<see cref="Feeders"/>: null in events written before they were kept).
/// Tagged for the run list.</summary>
[MessagePackObject]
public sealed record RunSubmittedEvent(
    [property: Key(0)] string RunId,
    [property: Key(1)] string Name,
    [property: Key(2)] long SubmittedAtUnixMs,
    [property: Key(3)] string ScenarioPath,
    [property: Key(4)] string ScenarioText,
    [property: Key(5)] Dictionary<string, string> Env,
    [property: Key(6)] string? BaseUrlOverride,
    [property: Key(7)] string SubmittedBy,
    [property: Key(8)] FeederPayload[]? Feeders = null) : IRunEvent;

/// <summary>The plan and the run clock's zero.</summary>
[MessagePackObject]
public sealed record RunStartedEvent(
    [property: Key(0)] string RunId,
    [property: Key(1)] long RunStartUnixMs,
    [property: Key(2)] string[] ShardIds,
    [property: Key(3)] Dictionary<string, int> WorkersPerRegion) : IRunEvent;

[MessagePackObject]
public sealed record ShardStartedEvent(
    [property: Key(0)] string RunId,
    [property: Key(1)] string ShardId,
    [property: Key(2)] string Node) : IRunEvent;

[MessagePackObject]
public sealed record ShardFinishedEvent(
    [property: Key(0)] string RunId,
    [property: Key(1)] string ShardId,
    [property: Key(2)] string Node) : IRunEvent;

/// <summary>
/// A worker was lost mid-run and its shard's segment was handed to <see cref="ReplacementShardId"/> on a surviving
/// worker of the same region (empty when the region had none left).
/// </summary>
[MessagePackObject]
public sealed record ShardMovedEvent(
    [property: Key(0)] string RunId,
    [property: Key(1)] string LostShardId,
    [property: Key(2)] string LostNode,
    [property: Key(3)] string ReplacementShardId,
    [property: Key(4)] long AtUnixMs) : IRunEvent;

/// <summary>A user (or a threshold) stopped or aborted the run.</summary>
[MessagePackObject]
public sealed record RunStopRequestedEvent(
    [property: Key(0)] string RunId,
    [property: Key(1)] bool Graceful,
    [property: Key(2)] string Reason,
    [property: Key(3)] long AtUnixMs) : IRunEvent;

/// <summary>The run's end and headline figures. Tagged for the run list (which never reads the full result).</summary>
[MessagePackObject]
public sealed record RunEndedEvent(
    [property: Key(0)] string RunId,
    [property: Key(1)] string Status,
    [property: Key(2)] long StartedAtUnixMs,
    [property: Key(3)] double DurationSeconds,
    [property: Key(4)] long Requests,
    [property: Key(5)] double ErrorRate,
    [property: Key(6)] double P95Ms) : IRunEvent;

/// <summary>The full result (summary and series) as LoadGrid's internal JSON.</summary>
[MessagePackObject]
public sealed record RunResultEvent(
    [property: Key(0)] string RunId,
    [property: Key(1)] string ResultJson) : IRunEvent;

/// <summary>
/// An operator's live change of one scenario's load in one region (run pause / resume / scale): from <see cref="AtRunMs"/> on the run
/// clock the region runs the plan times <see cref="Factor"/>. Who asked, and when, for the run's record.
/// </summary>
[MessagePackObject]
public sealed record RunAdjustedEvent(
    [property: Key(0)] string RunId,
    [property: Key(1)] string Region,
    [property: Key(2)] long AtRunMs,
    [property: Key(3)] double Factor,
    [property: Key(4)] string Description,
    [property: Key(5)] string By,
    [property: Key(6)] long AtUnixMs,
    [property: Key(7)] string Scenario = "") : IRunEvent;
