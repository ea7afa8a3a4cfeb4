using LoadGrid.Cluster.Protocol;

namespace LoadGrid.Cluster.History;

/// <summary>Builds run records from journal events. Pure (no journal, no actors) so the rules are testable alone.</summary>
public static class RunHistoryFold
{
    /// <summary>
    /// The run list from the tagged events (submitted and ended) and the runs in progress, newest first. A run in
    /// progress whose submitted event the query does not show yet is listed from what the run manager knows of it.
    /// </summary>
    public static IReadOnlyList<RunRecord> List(IEnumerable<IRunEvent> taggedEvents, IReadOnlyCollection<ActiveRunEntry> active)
    {
        var activeRunIds = active.Select(a => a.RunId).ToHashSet(StringComparer.Ordinal);
        var submitted = new Dictionary<string, RunSubmittedEvent>(StringComparer.Ordinal);
        var ended = new Dictionary<string, RunEndedEvent>(StringComparer.Ordinal);
        foreach (var evt in taggedEvents)
        {
            if (evt is RunSubmittedEvent s) submitted[s.RunId] = s;
            else if (evt is RunEndedEvent e) ended[e.RunId] = e;
        }
        foreach (var run in active.Where(a => !submitted.ContainsKey(a.RunId)))
            submitted[run.RunId] = new RunSubmittedEvent(run.RunId, run.Name, run.SubmittedAtUnixMs, "", "", [], null, run.SubmittedBy);
        return submitted.Values
            .Select(s => ToRecord(s, ended.GetValueOrDefault(s.RunId), null, activeRunIds.Contains(s.RunId)))
            .OrderByDescending(r => r.SubmittedAt)
            .ThenByDescending(r => r.RunId, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>One run from all its events; null when it has no submitted event.</summary>
    public static RunDetails? Details(IEnumerable<IRunEvent> runEvents, bool active)
    {
        RunSubmittedEvent? submitted = null;
        RunStartedEvent? started = null;
        RunEndedEvent? ended = null;
        string? resultJson = null;
        var shards = new Dictionary<string, ShardRecord>(StringComparer.Ordinal);
        var events = new List<string>();
        foreach (var evt in runEvents)
        {
            switch (evt)
            {
                case RunSubmittedEvent s:
                    submitted = s;
                    events.Add($"{Time(s.SubmittedAtUnixMs)} submitted by {s.SubmittedBy}");
                    break;
                case RunStartedEvent s:
                    started = s;
                    foreach (var id in s.ShardIds) shards[id] = new ShardRecord(id, "", false);
                    events.Add($"{Time(s.RunStartUnixMs)} started: {s.ShardIds.Length} shard(s) over {string.Join(", ", s.WorkersPerRegion.Select(w => $"{w.Key}×{w.Value}"))}");
                    break;
                case ShardStartedEvent s:
                    shards[s.ShardId] = new ShardRecord(s.ShardId, s.Node, shards.GetValueOrDefault(s.ShardId)?.Finished ?? false);
                    break;
                case ShardFinishedEvent s:
                    var node = shards.GetValueOrDefault(s.ShardId)?.Node is { Length: > 0 } known ? known : s.Node;
                    shards[s.ShardId] = new ShardRecord(s.ShardId, node, true);
                    break;
                case ShardMovedEvent s:
                    events.Add(s.ReplacementShardId.Length > 0
                        ? $"{Time(s.AtUnixMs)} node {s.LostNode} lost: shard {s.LostShardId} moved to {s.ReplacementShardId}"
                        : $"{Time(s.AtUnixMs)} node {s.LostNode} lost: shard {s.LostShardId} not replaced (no worker left in its region)");
                    break;
                case RunStopRequestedEvent s:
                    events.Add($"{Time(s.AtUnixMs)} {(s.Graceful ? "stop" : "abort")} requested: {s.Reason}");
                    break;
                case RunAdjustedEvent s:
                    events.Add($"{Time(s.AtUnixMs)} {s.Scenario} in {s.Region}: ×{s.Factor:0.###} of the plan ({s.Description}) by {s.By}");
                    break;
                case RunEndedEvent s:
                    ended = s;
                    events.Add($"ended {s.Status} after {s.DurationSeconds:0.0}s");
                    break;
                case RunResultEvent s:
                    resultJson = s.ResultJson;
                    break;
            }
        }
        if (submitted is null) return null;
        return new RunDetails(
            ToRecord(submitted, ended, started, active),
            submitted.ScenarioPath,
            submitted.ScenarioText,
            started?.WorkersPerRegion ?? [],
            shards.Values.OrderBy(s => s.ShardId, StringComparer.Ordinal).ToArray(),
            events,
            resultJson);
    }

    private static RunRecord ToRecord(RunSubmittedEvent s, RunEndedEvent? e, RunStartedEvent? started, bool active) => new(
        s.RunId,
        s.Name,
        e?.Status ?? (active ? "running" : "interrupted"),
        DateTimeOffset.FromUnixTimeMilliseconds(s.SubmittedAtUnixMs),
        s.SubmittedBy,
        e is not null ? DateTimeOffset.FromUnixTimeMilliseconds(e.StartedAtUnixMs)
            : started is not null ? DateTimeOffset.FromUnixTimeMilliseconds(started.RunStartUnixMs) : null,
        e?.DurationSeconds,
        e?.Requests,
        e?.ErrorRate,
        e?.P95Ms);

    private static string Time(long unixMs) => DateTimeOffset.FromUnixTimeMilliseconds(unixMs).ToString("yyyy-MM-ddTHH:mm:ssZ");
}
