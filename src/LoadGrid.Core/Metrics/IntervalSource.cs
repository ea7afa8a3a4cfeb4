namespace LoadGrid.Core.Metrics;

/// <summary>Where an interval came from: the shard, and the scenario, region and node it belongs to.</summary>
public sealed record IntervalSource(string ShardId, string Scenario, string Region, string Node);
