namespace LoadGrid.Cluster.Sharding;

/// <summary>Names tying a LoadGrid region to its Akka shard region type and cluster role.</summary>
public static class ShardRegionNames
{
    public const string CoordinatorRole = "coordinator";

    /// <summary>Sharding's number of shards per region type: well above the nodes of one region, as Akka advises (10×).</summary>
    public const int MaxShardsPerRegion = 100;

    public static string TypeName(string region) => $"scenario-shard-{region}";

    public static string WorkerRole(string region) => $"region-{region}";

    public static string? RegionOfRole(string role) =>
        role.StartsWith("region-", StringComparison.Ordinal) ? role["region-".Length..] : null;
}
