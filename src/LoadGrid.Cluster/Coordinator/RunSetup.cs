using LoadGrid.Core.Data;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Cluster.Coordinator;

/// <summary>Everything a coordinator needs to run a validated scenario file.</summary>
public sealed record RunSetup(
    string RunId,
    ScenarioFile File,
    IReadOnlyDictionary<string, string> Env,
    IReadOnlyList<ShardPlan> Shards,
    IReadOnlyList<FeederTable> Feeders,
    DateTimeOffset SubmittedAt,
    string SubmittedBy,
    string? BaseUrlOverride = null);
