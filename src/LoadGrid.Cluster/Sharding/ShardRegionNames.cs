namespace LoadGrid.Cluster.Sharding;

/// <summary>Names tying a LoadGrid region to its Akka shard region type and cluster role.</summary>
public static class ShardRegionNames
{
    public const string CoordinatorRole = "coordinator";

    public static string TypeName(string region) => $"scenario-shard-{region}";

    public static string WorkerRole(string region) => $"region-{region}";

    public static string? RegionOfRole(string role) =>
        role.StartsWith("region-", StringComparison.Ordinal) ? role["region-".Length..] : null;
}
