using Akka.Actor;

namespace LoadGrid.Cluster.Coordinator;

/// <summary>
/// Which Up workers a run can be planned over: those whose shard region the region's sharding coordinator has
/// registered. Shards are placed only on registered regions (<see cref="Sharding.WorkerSlotAllocation"/>), so a worker
/// counted before its region registered would get no shard, and another worker would run two. Pure, tested alone.
/// </summary>
public static class ReadyWorkers
{
    /// <summary>Workers ready per region; a region whose registrations are unknown (null) counts every Up worker.</summary>
    /// <param name="up">Addresses of the worker nodes that are Up, per LoadGrid region.</param>
    /// <param name="registered">Addresses the region's coordinator has registered, or null when it did not answer.</param>
    public static Dictionary<string, int> Count(
        IReadOnlyDictionary<string, IReadOnlyCollection<Address>> up,
        IReadOnlyDictionary<string, IReadOnlySet<Address>?> registered) =>
        up.ToDictionary(
            region => region.Key,
            region => registered.GetValueOrDefault(region.Key) is { } known ? region.Value.Count(known.Contains) : region.Value.Count,
            StringComparer.Ordinal);

    /// <summary>True when every Up worker of every region is ready, so waiting longer would change nothing.</summary>
    public static bool All(IReadOnlyDictionary<string, IReadOnlyCollection<Address>> up, IReadOnlyDictionary<string, int> ready) =>
        up.All(region => ready.GetValueOrDefault(region.Key) >= region.Value.Count);
}
