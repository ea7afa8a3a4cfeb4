using HdrHistogram;

namespace LoadGrid.Core.Metrics;

/// <summary>
/// Merged measurements of one slice of a run (a step of a scenario in a region, or any union of such slices).
/// Merging is exact: every non-empty bucket of an interval is re-recorded into the same bucket here, counters summed.
/// </summary>
public sealed class MetricAggregate
{
    public LongHistogram Latency { get; } = LatencyHistograms.CreateExact();
    public long Requests { get; private set; }
    public long Failed { get; private set; }
    public long ChecksPassed { get; private set; }
    public long ChecksFailed { get; private set; }
    public long BytesSent { get; private set; }
    public long BytesReceived { get; private set; }
    public Dictionary<int, long> StatusCodes { get; } = [];
    public long[] Errors { get; } = new long[Enum.GetValues<TransportError>().Length];

    public void Add(StepInterval step)
    {
        step.Latency.RecordInto(Latency);
        AddCounters(step.Requests, step.Failed, step.ChecksPassed, step.ChecksFailed, step.BytesSent, step.BytesReceived, step.StatusCodes, step.Errors);
    }

    public void Add(MetricAggregate other)
    {
        Latency.Add(other.Latency);
        AddCounters(other.Requests, other.Failed, other.ChecksPassed, other.ChecksFailed, other.BytesSent, other.BytesReceived, other.StatusCodes, other.Errors);
    }

    private void AddCounters(long requests, long failed, long checksPassed, long checksFailed, long bytesSent, long bytesReceived,
        IReadOnlyDictionary<int, long> statusCodes, long[] errors)
    {
        Requests += requests;
        Failed += failed;
        ChecksPassed += checksPassed;
        ChecksFailed += checksFailed;
        BytesSent += bytesSent;
        BytesReceived += bytesReceived;
        foreach (var (code, count) in statusCodes) StatusCodes[code] = StatusCodes.GetValueOrDefault(code) + count;
        for (var i = 0; i < Math.Min(errors.Length, Errors.Length); i++) Errors[i] += errors[i];
    }
}

/// <summary>Iterations of a scenario in a region: count, durations, dropped.</summary>
public sealed class IterationAggregate
{
    public LongHistogram Duration { get; } = LatencyHistograms.CreateExact();
    public long Iterations { get; private set; }
    public long Dropped { get; private set; }

    public void Add(IntervalSnapshot snapshot)
    {
        snapshot.IterationDuration.RecordInto(Duration);
        Iterations += snapshot.Iterations;
        Dropped += snapshot.DroppedIterations;
    }

    public void Add(IterationAggregate other)
    {
        Duration.Add(other.Duration);
        Iterations += other.Iterations;
        Dropped += other.Dropped;
    }
}

/// <summary>A threshold's view of the run: the union of the slices that match its tags.</summary>
public sealed record MetricView(MetricAggregate Requests, IterationAggregate Iterations);
