using LoadGrid.Cluster.History;

namespace LoadGrid.Control;

// The control endpoint's JSON bodies (docs/control-api.md). Field names are camelCase on the wire.

/// <summary>A run to start: the scenario file's text and its feeders' rows (the cluster needs no copy of the files).</summary>
public sealed record SubmitRunBody(
    string ScenarioPath,
    string ScenarioText,
    Dictionary<string, string> Env,
    FeederBody[] Feeders,
    string? BaseUrl,
    string? SubmittedBy);

public sealed record FeederBody(string Name, string[] Columns, string[][] Rows, string Pick);

public sealed record SubmitRunReply(string RunId, string Name, Dictionary<string, int> WorkersPerRegion);

/// <summary>Every non-2xx reply. <see cref="Errors"/> lists scenario errors as FILE:LINE:COL: message.</summary>
/// <param name="Code">A machine-readable reason where a client acts on it: <c>interrupted</c> (the run's coordinator died
/// and no successor has taken it over, yet).</param>
public sealed record ErrorReply(string Error, string[] Errors, string? Code = null);

public sealed record RunListReply(IReadOnlyList<RunRecord> Runs);

public sealed record StopRunBody(bool Graceful, string? Reason);

/// <summary>A live change: pause and resume take only <see cref="Region"/> and <see cref="By"/>; scale exactly one of factor, vus, rate.</summary>
public sealed record AdjustRunBody(double? Factor = null, int? Vus = null, double? Rate = null, string? Region = null, string? By = null);

/// <summary>What a live change did, e.g. "scaled ×1.5 in every region from 12.3s".</summary>
public sealed record AdjustRunReply(string RunId, string Description);

/// <summary>One cluster member as <c>cluster show</c> lists it.</summary>
/// <param name="Regions">The LoadGrid regions it works for (from its roles).</param>
public sealed record MemberReply(string Address, string Status, bool Reachable, string[] Roles, string[] Regions, bool IsLeader, bool IsSelf);

public sealed record MembersReply(IReadOnlyList<MemberReply> Members);

/// <param name="MembersUp">Cluster members with status Up.</param>
/// <param name="WorkersPerRegion">Worker nodes Up per LoadGrid region: what the next run is planned over.</param>
public sealed record HealthReply(string Status, string Address, string[] Roles, int MembersUp, IReadOnlyDictionary<string, int> WorkersPerRegion);

/// <summary>Names of the server-sent events of <c>GET /api/v1/runs/{id}/watch</c>.</summary>
public static class WatchEvents
{
    /// <summary>data: a progress update (LoadGrid's internal JSON, see RunResultJson), about once a second.</summary>
    public const string Progress = "progress";

    /// <summary>data: the run's result (summary and series); the stream ends after it.</summary>
    public const string Finished = "finished";

    /// <summary>data: an <see cref="ErrorReply"/>: the run ended without a result; the stream ends after it.</summary>
    public const string Failed = "failed";
}

/// <summary>A member address for cluster leave | down | join.</summary>
public sealed record MemberActionBody(string Address);

/// <summary>What a cluster command did, in words.</summary>
public sealed record ActionReply(string Message);

public sealed record PalettesReply(IReadOnlyList<LoadGrid.Control.Palettes.PaletteDefinition> Palettes);

/// <summary>One LoadGrid region's shard region: per node, the shards (run/slot) it hosts and their entities.</summary>
public sealed record ShardRegionReply(string Region, string TypeName, IReadOnlyList<ShardRegionNodeReply> Nodes, string? Error = null);

public sealed record ShardRegionNodeReply(string Address, IReadOnlyDictionary<string, int> EntitiesPerShard);

public sealed record ShardRegionsReply(IReadOnlyList<ShardRegionReply> Regions);

/// <summary>One node as <c>node list</c> shows it; <see cref="Error"/> when it did not answer within 3 s.</summary>
public sealed record NodeReply(string Address, string Status, string[] Regions, bool Coordinator, double? CpuPercent, long? WorkingSetBytes,
    int? Shards, int? ActiveVus, long? RequestsPerSecond, string? Error = null);

public sealed record NodesReply(IReadOnlyList<NodeReply> Nodes);

/// <summary>One membership change streamed by <c>cluster tail</c> (event "member").</summary>
public sealed record MemberEventReply(DateTimeOffset At, string Event, string Address, string[] Roles);
