using LoadGrid.Cluster.Coordinator;
using LoadGrid.Cluster.Protocol;
using LoadGrid.Core.Data;
using LoadGrid.Core.Metrics;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Cluster.Failover;

/// <summary>
/// A run a successor coordinator takes over: its setup and plan rebuilt from the journal, the run clock, and where
/// each shard stood when the previous coordinator died. Pure (events in, state out) so the rules are testable alone.
/// </summary>
public sealed record ResumedRun(
    RunSetup Setup,
    long RunStartUnixMs,
    IReadOnlyDictionary<string, string> StartedOn,
    IReadOnlySet<string> Finished,
    IReadOnlyList<ShardMovedEvent> Moves,
    RunStopRequestedEvent? StopRequested,
    IReadOnlyList<RunAdjustedEvent>? Adjustments = null)
{
    /// <summary>
    /// Rebuilds a run from its events; null when it cannot or need not be taken over: it never started, it has
    /// ended, its file no longer parses, or it lacks feeder rows it needs.
    /// </summary>
    public static ResumedRun? From(IEnumerable<IRunEvent> events)
    {
        RunSubmittedEvent? submitted = null;
        RunStartedEvent? started = null;
        RunStopRequestedEvent? stop = null;
        var startedOn = new Dictionary<string, string>(StringComparer.Ordinal);
        var finished = new HashSet<string>(StringComparer.Ordinal);
        var moves = new List<ShardMovedEvent>();
        var adjustments = new List<RunAdjustedEvent>();
        foreach (var evt in events)
        {
            switch (evt)
            {
                case RunSubmittedEvent e: submitted = e; break;
                case RunStartedEvent e: started = e; break;
                case ShardStartedEvent e: startedOn[e.ShardId] = e.Node; break;
                case ShardFinishedEvent e: finished.Add(e.ShardId); break;
                case ShardMovedEvent e: moves.Add(e); break;
                case RunAdjustedEvent e: adjustments.Add(e); break;
                case RunStopRequestedEvent e: stop ??= e; break;
                case RunEndedEvent or RunResultEvent: return null;
            }
        }
        if (submitted is null || started is null) return null;

        var parsed = ScenarioLoader.Parse(submitted.ScenarioText, submitted.ScenarioPath, submitted.Env, checkFiles: false);
        if (parsed.Scenario is null) return null;
        var file = submitted.BaseUrlOverride is null ? parsed.Scenario : parsed.Scenario with { BaseUrl = submitted.BaseUrlOverride };
        var feeders = (submitted.Feeders ?? [])
            .Select(f => new FeederTable(f.Name, f.Columns, f.Rows, (FeederPick)f.Pick))
            .ToArray();
        if (file.Data.Any(d => feeders.All(f => f.Name != d.Name))) return null;

        var shards = RunPlanner.Plan(submitted.RunId, file, started.WorkersPerRegion);
        if (!shards.Select(s => s.ShardId).SequenceEqual(started.ShardIds, StringComparer.Ordinal)) return null;
        var setup = new RunSetup(submitted.RunId, file, submitted.Env, shards, feeders,
            DateTimeOffset.FromUnixTimeMilliseconds(submitted.SubmittedAtUnixMs), submitted.SubmittedBy, submitted.BaseUrlOverride);
        return new ResumedRun(setup, started.RunStartUnixMs, startedOn, finished, moves, stop, adjustments);
    }

    /// <summary>
    /// The report's time-axis marks of what happened before the take-over (node losses, live changes, the stop), so a
    /// taken-over run's event list is whole. A live change persisted per scenario and region is one mark.
    /// </summary>
    public IReadOnlyList<RunMarker> Markers()
    {
        var markers = new List<RunMarker>();
        foreach (var moved in Moves)
        {
            var text = moved.ReplacementShardId.Length == 0
                ? $"node {moved.LostNode} lost: shard {moved.LostShardId} not replaced"
                : $"node {moved.LostNode} lost: shard {moved.LostShardId} moved to {StartedOn.GetValueOrDefault(moved.ReplacementShardId, moved.ReplacementShardId)}";
            markers.Add(new RunMarker(RunSecond(moved.AtUnixMs), "node-lost", text));
        }
        foreach (var change in (Adjustments ?? []).DistinctBy(a => (a.AtRunMs, a.Description, a.By)))
            markers.Add(new RunMarker(change.AtRunMs / 1000.0, "scale", $"{change.Description} by {change.By}"));
        if (StopRequested is { } stop)
            markers.Add(new RunMarker(RunSecond(stop.AtUnixMs), stop.Graceful ? "stop" : "abort", stop.Reason));
        return markers;
    }

    private double RunSecond(long unixMs) => Math.Max(0, (unixMs - RunStartUnixMs) / 1000.0);

    /// <summary>When the run would have been given up by its first coordinator (planned end, gracefulStop, slack).</summary>
    public DateTimeOffset Deadline(TimeSpan finishSlack) =>
        DateTimeOffset.FromUnixTimeMilliseconds(RunStartUnixMs) + RunPlanner.PlannedDuration(Setup.File)
        + Setup.File.Scenarios.Max(s => s.GracefulStop) + finishSlack;
}
