using MessagePack;

namespace LoadGrid.Cluster.Protocol;

/// <summary>
/// Starts one shard of a run: one scenario's segment of the load in one region. Carries the scenario file's text
/// (workers parse the same model, they need no copy of the file) and the feeder rows this shard may use.
/// </summary>
/// <param name="RunStartUnixMs">The run clock's zero, chosen by the coordinator; every shard schedules from it.</param>
/// <param name="Segment">This shard's part of the scenario's load, [start, end) of the unit interval, as exact fractions.</param>
/// <param name="ScenarioSegments">Every shard's segment of this scenario, in plan order: open-model shards deal the
/// scenario's iterations among themselves by the same deterministic rule, so each needs the whole list.</param>
/// <param name="SegmentIndex">This shard's position in <paramref name="ScenarioSegments"/>.</param>
/// <param name="BaseUrlOverride">Replaces the file's baseUrl when set (<c>loadgrid run --base-url</c>).</param>
/// <param name="ResumeAtMs">0 for a shard of the plan. For a shard that takes over a lost worker's segment: the run
/// clock offset it takes over from (nothing scheduled before it is started, nothing is replayed).</param>
/// <param name="IterationsDone">For a take-over of an iteration executor: the iterations the lost shard reported done,
/// which the new shard does not repeat (see <c>ResumeBudget</c>).</param>
[MessagePackObject]
public sealed record StartShard(
    [property: Key(0)] string ShardId,
    [property: Key(1)] string RunId,
    [property: Key(2)] string Scenario,
    [property: Key(3)] string Region,
    [property: Key(4)] WireSegment Segment,
    [property: Key(5)] long RunStartUnixMs,
    [property: Key(6)] string ScenarioPath,
    [property: Key(7)] string ScenarioText,
    [property: Key(8)] Dictionary<string, string> Env,
    [property: Key(9)] FeederPayload[] Feeders,
    [property: Key(10)] WireSegment[] ScenarioSegments,
    [property: Key(11)] int SegmentIndex,
    [property: Key(12)] string? BaseUrlOverride,
    [property: Key(13)] long ResumeAtMs = 0,
    [property: Key(14)] long IterationsDone = 0,
    [property: Key(15)] WireLoadChange[]? LoadChanges = null) : IShardCommand;

/// <summary>
/// The operator's live changes to the load of this shard's region so far (run pause / resume / scale), the whole list
/// each time: a re-sent or late one changes nothing that an earlier one did not already say.
/// </summary>
[MessagePackObject]
public sealed record AdjustShardLoad(
    [property: Key(0)] string ShardId,
    [property: Key(1)] string RunId,
    [property: Key(2)] WireLoadChange[] Changes) : IShardCommand;

/// <summary>From <see cref="AtRunMs"/> on the run clock, the plan's load times <see cref="Factor"/> (0 = paused).</summary>
[MessagePackObject]
public sealed record WireLoadChange(
    [property: Key(0)] long AtRunMs,
    [property: Key(1)] double Factor);

/// <summary>Ends a shard early: gracefully (in-flight iterations get the scenario's gracefulStop) or at once.</summary>
[MessagePackObject]
public sealed record StopShard(
    [property: Key(0)] string ShardId,
    [property: Key(1)] string RunId,
    [property: Key(2)] bool Graceful) : IShardCommand;

/// <summary>
/// Sent by a coordinator that took a run over (the previous one died): the shard answers to it from now on and
/// re-sends every interval it has kept, so the new coordinator's merge is whole again.
/// </summary>
[MessagePackObject]
public sealed record ReattachShard(
    [property: Key(0)] string ShardId,
    [property: Key(1)] string RunId) : IShardCommand;

/// <summary>A segment as two exact fractions (numerator/denominator pairs).</summary>
[MessagePackObject]
public sealed record WireSegment(
    [property: Key(0)] long StartNumerator,
    [property: Key(1)] long StartDenominator,
    [property: Key(2)] long EndNumerator,
    [property: Key(3)] long EndDenominator);

/// <summary>A feeder's rows as handed to a shard (for pick: unique, only this shard's disjoint slice).</summary>
[MessagePackObject]
public sealed record FeederPayload(
    [property: Key(0)] string Name,
    [property: Key(1)] string[] Columns,
    [property: Key(2)] string[][] Rows,
    [property: Key(3)] int Pick);
