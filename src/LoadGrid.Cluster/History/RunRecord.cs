namespace LoadGrid.Cluster.History;

/// <summary>One run as the history lists it.</summary>
/// <param name="Status">passed | failed | aborted (from its end), running (the manager has it now), or interrupted
/// (it started but its coordinator went away before the end).</param>
public sealed record RunRecord(
    string RunId,
    string Name,
    string Status,
    DateTimeOffset SubmittedAt,
    string SubmittedBy,
    DateTimeOffset? StartedAt,
    double? DurationSeconds,
    long? Requests,
    double? ErrorRate,
    double? P95Ms);

/// <summary>A run in full: its record, what was submitted, where its shards ran, and its result when it has one.</summary>
public sealed record RunDetails(
    RunRecord Record,
    string ScenarioPath,
    string ScenarioText,
    IReadOnlyDictionary<string, int> WorkersPerRegion,
    IReadOnlyList<ShardRecord> Shards,
    IReadOnlyList<string> Events,
    string? ResultJson);

public sealed record ShardRecord(string ShardId, string Node, bool Finished);
