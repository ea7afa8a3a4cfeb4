namespace LoadGrid.Cluster.Coordinator;

/// <summary>
/// Where each shard of a run stands (planned → started → finished), with the node it runs on and the last
/// gauges it reported. Pure bookkeeping, kept out of the actor so it is testable on its own.
/// </summary>
public sealed class ShardTracker(IReadOnlyList<ShardPlan> shards)
{
    private readonly Dictionary<string, ShardStatus> _status = shards.ToDictionary(s => s.ShardId, s => new ShardStatus(s), StringComparer.Ordinal);

    public IEnumerable<ShardPlan> NotStarted => _status.Values.Where(s => !s.Started && !s.Finished).Select(s => s.Plan);

    public IEnumerable<ShardPlan> Unfinished => _status.Values.Where(s => !s.Finished).Select(s => s.Plan);

    public bool AllFinished => _status.Values.All(s => s.Finished);

    /// <summary>Shards running now (started, not finished) with their node: where a lost shard's segment can go.</summary>
    public IEnumerable<(ShardPlan Plan, string Node)> Running =>
        _status.Values.Where(s => s.Started && !s.Finished).Select(s => (s.Plan, s.Node ?? ""));

    /// <summary>Started, unfinished shards on <paramref name="node"/>.</summary>
    public IReadOnlyList<ShardPlan> RunningOn(string node) =>
        _status.Values.Where(s => s.Started && !s.Finished && s.Node == node).Select(s => s.Plan).ToArray();

    public ShardPlan? Find(string shardId) => _status.TryGetValue(shardId, out var status) ? status.Plan : null;

    public string NodeOf(string shardId) => _status.TryGetValue(shardId, out var status) ? status.Node ?? "" : "";

    /// <returns>True when this is news: the shard was known and not yet marked started (a re-sent start is not).</returns>
    public bool MarkStarted(string shardId, string node)
    {
        if (!_status.TryGetValue(shardId, out var status)) return false;
        var news = !status.Started;
        status.Started = true;
        status.Node = node;
        return news;
    }

    /// <returns>False when the shard was unknown or already finished.</returns>
    public bool MarkFinished(string shardId, string node)
    {
        if (!_status.TryGetValue(shardId, out var status) || status.Finished) return false;
        status.Finished = true;
        status.Node ??= node;
        return true;
    }

    /// <summary>Adds a shard that takes over a lost one's segment.</summary>
    public void Add(ShardPlan plan) => _status[plan.ShardId] = new ShardStatus(plan);

    /// <summary>Counts a lost shard as done: a take-over (if any) carries its segment on.</summary>
    /// <returns>False when the shard was unknown or already finished.</returns>
    public bool MarkLost(string shardId) => MarkFinished(shardId, "");

    /// <summary>Iterations the shard reported completed.</summary>
    public long IterationsOfShard(string shardId) => _status.TryGetValue(shardId, out var status) ? status.Iterations : 0;

    public void ReportGauges(string shardId, int vus, long iterations)
    {
        if (!_status.TryGetValue(shardId, out var status)) return;
        status.Vus = status.Finished ? 0 : vus;
        status.Iterations += iterations;
    }

    public int VusOf(string scenario) => _status.Values.Where(s => s.Plan.Scenario == scenario && !s.Finished).Sum(s => s.Vus);

    public long IterationsOf(string scenario) => _status.Values.Where(s => s.Plan.Scenario == scenario).Sum(s => s.Iterations);

    public bool ScenarioFinished(string scenario) => _status.Values.Where(s => s.Plan.Scenario == scenario).All(s => s.Finished);

    private sealed class ShardStatus(ShardPlan plan)
    {
        public ShardPlan Plan { get; } = plan;
        public bool Started { get; set; }
        public bool Finished { get; set; }
        public string? Node { get; set; }
        public int Vus { get; set; }
        public long Iterations { get; set; }
    }
}
