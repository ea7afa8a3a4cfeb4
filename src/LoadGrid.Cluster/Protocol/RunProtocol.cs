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

[MessagePackObject]
public sealed record ActiveRuns([property: Key(0)] string[] RunIds) : IWireMessage;
