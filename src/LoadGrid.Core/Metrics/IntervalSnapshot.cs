namespace LoadGrid.Core.Metrics;

/// <summary>One step's measurements over one interval of one shard.</summary>
public sealed class StepInterval
{
    public required string Name { get; init; }
    public required SparseHistogram Latency { get; init; }
    public long Requests { get; init; }
    public long Failed { get; init; }
    public long ChecksPassed { get; init; }
    public long ChecksFailed { get; init; }
    public long BytesSent { get; init; }
    public long BytesReceived { get; init; }
    /// <summary>Status code → count; 0 stands for "no response" is not used (transport errors are in <see cref="Errors"/>).</summary>
    public required IReadOnlyDictionary<int, long> StatusCodes { get; init; }
    /// <summary>Counts indexed by <see cref="TransportError"/>.</summary>
    public required long[] Errors { get; init; }
}

/// <summary>What a shard measured in one interval (about a second): per-step data, iterations and gauges.</summary>
public sealed class IntervalSnapshot
{
    public required IReadOnlyList<StepInterval> Steps { get; init; }
    public required SparseHistogram IterationDuration { get; init; }
    public long Iterations { get; init; }
    public int ActiveVus { get; init; }
    public int MaxVus { get; init; }
    public long DroppedIterations { get; init; }

    public long Requests => Steps.Sum(s => s.Requests);
}
