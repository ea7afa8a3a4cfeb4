using LoadGrid.Core.Data;
using LoadGrid.Core.Load;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Cluster.Coordinator;

/// <summary>
/// Splits a run into shards: every scenario × every region (by weight) × the region's shard count. The segments
/// come from <see cref="SegmentPlanner"/>, so the shards' VUs, rates and iterations add up exactly to the scenario's.
/// </summary>
public static class RunPlanner
{
    public static IReadOnlyList<ShardPlan> Plan(string runId, ScenarioFile file, IReadOnlyDictionary<string, int> shardsPerRegion)
    {
        var segments = SegmentPlanner.Plan(file.Regions.Select(r => (r.Name, r.Weight)).ToArray(), shardsPerRegion);
        return file.Scenarios
            .SelectMany(scenario => segments.Select(segment => new ShardPlan(
                $"{runId}.{scenario.Name}.{segment.Region}.{segment.IndexInRegion}",
                scenario.Name,
                segment.Region,
                segment.IndexInRegion,
                segment.Segment)))
            .ToArray();
    }

    /// <summary>
    /// The rows each shard may use. Sequential and random feeders give every shard all rows; a unique feeder's rows
    /// are dealt out in disjoint, contiguous slices (shard k of K gets rows [⌊n·k/K⌋, ⌊n·(k+1)/K⌋)), so no row is
    /// used twice anywhere in the run.
    /// </summary>
    public static IReadOnlyList<FeederTable> FeedersForShard(IReadOnlyList<FeederTable> feeders, int shardIndex, int shardCount)
    {
        return feeders.Select(table =>
        {
            if (table.Pick != FeederPick.Unique) return table;
            var n = table.Rows.Count;
            var from = (int)((long)n * shardIndex / shardCount);
            var to = (int)((long)n * (shardIndex + 1) / shardCount);
            return table with { Rows = table.Rows.Skip(from).Take(to - from).ToArray() };
        }).ToArray();
    }

    /// <summary>The planned length of the run: the latest scenario end (startTime + its executor's duration).</summary>
    public static TimeSpan PlannedDuration(ScenarioFile file) =>
        file.Scenarios.Count == 0 ? TimeSpan.Zero : file.Scenarios.Max(ScenarioTimeline.End);
}
