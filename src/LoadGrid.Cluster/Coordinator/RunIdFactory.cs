namespace LoadGrid.Cluster.Coordinator;

/// <summary>Run ids sort by time and never contain a dot (shard ids are built from them, see <c>ShardMessageExtractor</c>).</summary>
public static class RunIdFactory
{
    public static string New() => $"{DateTimeOffset.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..6]}";
}
