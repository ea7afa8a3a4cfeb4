using LoadGrid.Cluster.Coordinator;
using LoadGrid.Core.Load;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Cluster.Failover;

/// <summary>
/// Where a lost shard's segment goes. Pure rules, kept apart from the coordinator actor so they are testable alone.
/// </summary>
/// <remarks>
/// A take-over is a new entity placed in an Akka shard that already lives on a surviving worker of the region
/// (<c>{runId}/{hostSlot}</c>): every region already knows where that shard is, so the message needs no shard
/// coordinator, which may itself have died with the lost node and would only move after the node is downed.
/// </remarks>
public static class ShardRelocation
{
    /// <summary>
    /// The entity id of a take-over: the lost id, <c>r</c> and the move's number, then <c>.{hostSlot}</c>, the slot
    /// whose Akka shard hosts it (<see cref="Sharding.ShardMessageExtractor"/> reads the slot after the last dot).
    /// </summary>
    public static string ReplacementId(string lostShardId, int generation, int hostSlot) => $"{lostShardId}r{generation}.{hostSlot}";

    /// <summary>
    /// The surviving node of <paramref name="region"/> to take over a lost shard: among the nodes that run one of
    /// this run's shards in the region and are still available, the one that has taken over fewest so far (ties by
    /// address), with a slot it hosts. Null when the region has no such node left.
    /// </summary>
    /// <param name="placed">Every shard of the run started so far, with its node.</param>
    /// <param name="available">Nodes that are Up and reachable now.</param>
    /// <param name="takenOver">How many take-overs each node has been given in this run.</param>
    public static HostChoice? ChooseHost(
        string region,
        IEnumerable<(ShardPlan Plan, string Node)> placed,
        IReadOnlySet<string> available,
        IReadOnlyDictionary<string, int> takenOver)
    {
        return placed
            .Where(p => p.Plan.Region == region && p.Node.Length > 0 && available.Contains(p.Node))
            .GroupBy(p => p.Node, StringComparer.Ordinal)
            .Select(g => new HostChoice(g.Key, g.Min(p => p.Plan.IndexInRegion)))
            .OrderBy(h => takenOver.GetValueOrDefault(h.Node))
            .ThenBy(h => h.Node, StringComparer.Ordinal)
            .FirstOrDefault();
    }
}

/// <summary>A surviving node and a worker slot whose Akka shard lives there.</summary>
public sealed record HostChoice(string Node, int Slot);

/// <summary>
/// What a take-over of an iteration executor may still start: the segment's share minus what the lost shard (and
/// any earlier take-over of it) reported done. Iterations that ran after the lost shard's last report are repeated,
/// because nothing says they finished; time-based executors need no budget, the run clock says where they are.
/// </summary>
public static class ResumeBudget
{
    /// <returns>Iterations left for the whole segment, or null when the executor is not iteration-based.</returns>
    public static long? Remaining(ScenarioDefinition scenario, Segment segment, long iterationsDone)
    {
        var share = scenario.Executor switch
        {
            ExecutorKind.SharedIterations => ClosedModel.SegmentSharedIterations(scenario, segment),
            ExecutorKind.PerVuIterations => SegmentPlanner.Share(scenario.Vus, segment) * scenario.Iterations,
            _ => (long?)null,
        };
        return share is { } total ? Math.Max(0, total - iterationsDone) : null;
    }
}
