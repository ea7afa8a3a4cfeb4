using LoadGrid.Core.Load;

namespace LoadGrid.Cluster.Coordinator;

/// <summary>One shard of a run: a scenario's <see cref="Segment"/> of the load in one region.</summary>
public sealed record ShardPlan(string ShardId, string Scenario, string Region, int IndexInRegion, Segment Segment);
