using LoadGrid.Cluster.Coordinator;

namespace LoadGrid.Cluster.Failover;

/// <summary>
/// The take-overs of one run: which original segment each take-over carries, where it resumes, how many iterations
/// were already done, and what the summary's warnings say about them. Pure bookkeeping for the coordinator.
/// </summary>
public sealed class ShardMoves
{
    private readonly Dictionary<string, MoveRecord> _byReplacement = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _generations = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _takenOverBy = new(StringComparer.Ordinal);
    private readonly List<MoveRecord> _moves = [];
    private readonly List<string> _regionsLost = [];

    /// <summary>How many take-overs each node has been given (to spread them).</summary>
    public IReadOnlyDictionary<string, int> TakenOverBy => _takenOverBy;

    public IReadOnlyList<string> RegionsLost => _regionsLost;

    /// <summary>The planned shard whose segment <paramref name="shard"/> carries (itself when it is not a take-over).</summary>
    public ShardPlan OriginalOf(ShardPlan shard) => _byReplacement.TryGetValue(shard.ShardId, out var move) ? move.Original : shard;

    /// <summary>Where a take-over resumes (run clock, ms) and what its segment had done; null for planned shards.</summary>
    public (long ResumeAtMs, long IterationsDone)? ResumeOf(string shardId) =>
        _byReplacement.TryGetValue(shardId, out var move) ? (move.ResumeAtMs, move.IterationsDone) : null;

    /// <summary>Iterations the segment had done before <paramref name="shardId"/> took it over (0 for planned shards).</summary>
    public long DoneBefore(string shardId) => _byReplacement.TryGetValue(shardId, out var move) ? move.IterationsDone : 0;

    /// <summary>Records a take-over of <paramref name="lost"/> by a new shard on <paramref name="host"/>; returns its plan.</summary>
    /// <param name="lastHeardSeconds">Run clock time of the lost shard's last interval (when its load was last seen).</param>
    public ShardPlan Move(ShardPlan lost, string lostNode, string why, HostChoice host, double lostAtSeconds, double lastHeardSeconds, long iterationsDone)
    {
        var original = OriginalOf(lost);
        var generation = _generations[original.ShardId] = _generations.GetValueOrDefault(original.ShardId) + 1;
        var plan = lost with { ShardId = ShardRelocation.ReplacementId(original.ShardId, generation, host.Slot), IndexInRegion = host.Slot };
        var move = new MoveRecord(original, lost.ShardId, plan.ShardId, lostNode, why, host.Node, lostAtSeconds, lastHeardSeconds,
            (long)Math.Round(lostAtSeconds * 1000), iterationsDone);
        _byReplacement[plan.ShardId] = move;
        _moves.Add(move);
        _takenOverBy[host.Node] = _takenOverBy.GetValueOrDefault(host.Node) + 1;
        return plan;
    }

    /// <summary>Records a lost shard that nothing could take over (its region had no worker left).</summary>
    public void Unplaced(ShardPlan lost, string lostNode, string why, double lostAtSeconds)
    {
        if (!_regionsLost.Contains(lost.Region)) _regionsLost.Add(lost.Region);
        _moves.Add(new MoveRecord(OriginalOf(lost), lost.ShardId, null, lostNode, why, null, lostAtSeconds, lostAtSeconds, 0, 0));
    }

    /// <summary>A take-over reported that it runs; returns false for shards that are not take-overs.</summary>
    public bool MarkStarted(string shardId, double atSeconds)
    {
        if (!_byReplacement.TryGetValue(shardId, out var move) || move.StartedAtSeconds is not null) return false;
        move.StartedAtSeconds = atSeconds;
        return true;
    }

    /// <summary>One line per lost node for the summary's warnings: when, why, where its shards went, how long their load was missing.</summary>
    public IEnumerable<string> Warnings() => _moves
        .GroupBy(m => (m.LostNode, m.Why))
        .Select(g =>
        {
            var at = g.Min(m => m.LostAtSeconds);
            var parts = g.Select(m => m.ReplacementId is null
                ? $"shard {m.LostShardId} not replaced (region {m.Original.Region} has no worker left)"
                : m.StartedAtSeconds is { } started
                    ? $"shard {m.LostShardId} moved to {m.HostNode} as {m.ReplacementId}, load missing for {Math.Max(0, started - m.LastHeardSeconds):0.0}s"
                    : $"shard {m.LostShardId} moved to {m.HostNode} as {m.ReplacementId}, which never reported its start");
            return $"node {g.Key.LostNode} lost at {at:0.0}s ({g.Key.Why}): {string.Join("; ", parts)}";
        });

    private sealed class MoveRecord(ShardPlan original, string lostShardId, string? replacementId, string lostNode, string why, string? hostNode,
        double lostAtSeconds, double lastHeardSeconds, long resumeAtMs, long iterationsDone)
    {
        public ShardPlan Original { get; } = original;
        public string LostShardId { get; } = lostShardId;
        public string? ReplacementId { get; } = replacementId;
        public string LostNode { get; } = lostNode;
        public string Why { get; } = why;
        public string? HostNode { get; } = hostNode;
        public double LostAtSeconds { get; } = lostAtSeconds;
        public double LastHeardSeconds { get; } = lastHeardSeconds;
        public long ResumeAtMs { get; } = resumeAtMs;
        public long IterationsDone { get; } = iterationsDone;
        public double? StartedAtSeconds { get; set; }
    }
}
