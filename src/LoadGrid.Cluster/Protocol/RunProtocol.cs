using MessagePack;

namespace LoadGrid.Cluster.Protocol;

// Requests to the run manager (a cluster singleton on the coordinator role) and its replies. Results and progress
// travel as LoadGrid's internal JSON (RunResultJson): the control endpoint passes them on to its clients unchanged.

/// <summary>Starts a run. The scenario text and the feeders' rows travel with it: no node needs the files.</summary>
/// <param name="BaseUrlOverride">Replaces the file's baseUrl when set (<c>loadgrid run --base-url</c>).</param>
[MessagePackObject]
public sealed record SubmitRun(
    [property: Key(0)] string RunId,
    [property: Key(1)] string ScenarioPath,
    [property: Key(2)] string ScenarioText,
    [property: Key(3)] Dictionary<string, string> Env,
    [property: Key(4)] FeederPayload[] Feeders,
    [property: Key(5)] string? BaseUrlOverride,
    [property: Key(6)] string SubmittedBy) : IWireMessage;

/// <summary>The run was planned and its shards are being started.</summary>
[MessagePackObject]
public sealed record RunAccepted(
    [property: Key(0)] string RunId,
    [property: Key(1)] string Name,
    [property: Key(2)] Dictionary<string, int> WorkersPerRegion) : IWireMessage;

/// <summary>The run could not start; <see cref="BadInput"/> when the request itself is at fault (exit code 2).</summary>
[MessagePackObject]
public sealed record RunRejected(
    [property: Key(0)] string RunId,
    [property: Key(1)] string Reason,
    [property: Key(2)] string[] Errors,
    [property: Key(3)] bool BadInput) : IWireMessage;

/// <summary>Follow a run: the sender gets <see cref="RunProgressed"/> about once a second, then <see cref="RunEnded"/>.</summary>
[MessagePackObject]
public sealed record WatchRun([property: Key(0)] string RunId) : IWireMessage;

/// <summary>The manager neither runs nor recently ran this run: look in the history.</summary>
[MessagePackObject]
public sealed record RunNotActive([property: Key(0)] string RunId) : IWireMessage;

[MessagePackObject]
public sealed record RunProgressed([property: Key(0)] string RunId, [property: Key(1)] string ProgressJson) : IWireMessage;

/// <summary>The run is over: its result as JSON, or <see cref="Error"/> when it ended without one.</summary>
[MessagePackObject]
public sealed record RunEnded(
    [property: Key(0)] string RunId,
    [property: Key(1)] string? ResultJson,
    [property: Key(2)] string? Error) : IWireMessage;

/// <summary>Stop (gracefully) or abort a running run. Replied with <see cref="RunStopAcknowledged"/>.</summary>
[MessagePackObject]
public sealed record StopRunRequest(
    [property: Key(0)] string RunId,
    [property: Key(1)] bool Graceful,
    [property: Key(2)] string Reason) : IWireMessage;

[MessagePackObject]
public sealed record RunStopAcknowledged([property: Key(0)] string RunId, [property: Key(1)] bool Found) : IWireMessage;

/// <summary>Which runs are in progress now (the history cannot tell a running run from one a crash cut short).</summary>
[MessagePackObject]
public sealed record ListActiveRuns : IWireMessage
{
    public static readonly ListActiveRuns Instance = new();
}

/// <summary>
/// The runs in progress, with what the run list shows of each: a run's submitted event reaches the journal (and,
/// later still, its tag query) after the run was accepted, so the list takes a just-started run from here.
/// </summary>
[MessagePackObject]
public sealed record ActiveRuns([property: Key(0)] ActiveRunEntry[] Runs) : IWireMessage;

[MessagePackObject]
public sealed record ActiveRunEntry(
    [property: Key(0)] string RunId,
    [property: Key(1)] string Name,
    [property: Key(2)] long SubmittedAtUnixMs,
    [property: Key(3)] string SubmittedBy);

/// <summary>
/// A live change of a running run's load: <see cref="Action"/> is pause | resume | scale; scale takes exactly one of
/// <see cref="Factor"/>, <see cref="Vus"/>, <see cref="Rate"/>; <see cref="Region"/> null means every region.
/// Replied with <see cref="RunAdjustReply"/>.
/// </summary>
[MessagePackObject]
public sealed record AdjustRunRequest(
    [property: Key(0)] string RunId,
    [property: Key(1)] string Action,
    [property: Key(2)] double? Factor,
    [property: Key(3)] int? Vus,
    [property: Key(4)] double? Rate,
    [property: Key(5)] string? Region,
    [property: Key(6)] string By) : IWireMessage;

/// <param name="Found">False when the run is not running.</param>
/// <param name="Error">Why the change cannot be made (the run is running); null when it was made.</param>
[MessagePackObject]
public sealed record RunAdjustReply(
    [property: Key(0)] string RunId,
    [property: Key(1)] bool Found,
    [property: Key(2)] string? Error,
    [property: Key(3)] string? Description) : IWireMessage;

/// <summary>Asks a node's <c>/user/node-stats</c> actor how it is doing (for <c>node list</c>).</summary>
[MessagePackObject]
public sealed record NodeStatsRequest : IWireMessage
{
    public static readonly NodeStatsRequest Instance = new();
}

/// <param name="CpuPercent">Process CPU since the previous request (or since the process started), 100 = one core.</param>
[MessagePackObject]
public sealed record NodeStatsReply(
    [property: Key(0)] string Address,
    [property: Key(1)] double CpuPercent,
    [property: Key(2)] long WorkingSetBytes,
    [property: Key(3)] int Shards,
    [property: Key(4)] int ActiveVus,
    [property: Key(5)] long RequestsPerSecond,
    [property: Key(6)] int ProcessorCount) : IWireMessage;
