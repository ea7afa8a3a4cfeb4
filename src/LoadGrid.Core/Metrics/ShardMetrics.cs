using HdrHistogram;

namespace LoadGrid.Core.Metrics;

/// <summary>
/// A shard's recorders: one HdrHistogram <see cref="Recorder"/> per step (and one for iteration durations) plus
/// Interlocked counters. VUs record concurrently without locks or allocation; once a second the shard takes an
/// interval, which swaps the recorders' active histograms and resets the counters. The histogram an interval hands
/// back is copied out (<see cref="SparseHistogram.From"/>) and kept for the next swap, so taking an interval does
/// not allocate a new ~190 KB concurrent histogram per recorder each second (a large-object-heap allocation).
/// </summary>
public sealed class ShardMetrics : IMetricsSink
{
    private const int StatusSlots = 600;

    private readonly string[] _stepNames;
    private readonly StepRecorder[] _steps;
    private readonly Recorder _iterationDuration = LatencyHistograms.CreateRecorder();
    private HistogramBase? _spareIterationDuration;
    private long _iterations;

    public ShardMetrics(IReadOnlyList<string> stepNames)
    {
        _stepNames = stepNames.ToArray();
        _steps = _stepNames.Select(_ => new StepRecorder()).ToArray();
    }

    public void RecordRequest(int stepIndex, long latencyMicros, int status, TransportError error, bool failed, long bytesSent, long bytesReceived)
    {
        var step = _steps[stepIndex];
        step.Latency.RecordValue(LatencyHistograms.Clamp(latencyMicros));
        Interlocked.Increment(ref step.Requests);
        if (failed) Interlocked.Increment(ref step.Failed);
        if (error != TransportError.None) Interlocked.Increment(ref step.Errors[(int)error]);
        else Interlocked.Increment(ref step.Statuses[status is > 0 and < StatusSlots ? status : 0]);
        if (bytesSent != 0) Interlocked.Add(ref step.BytesSent, bytesSent);
        if (bytesReceived != 0) Interlocked.Add(ref step.BytesReceived, bytesReceived);
    }

    public void RecordCheck(int stepIndex, bool passed)
    {
        if (passed) Interlocked.Increment(ref _steps[stepIndex].ChecksPassed);
        else Interlocked.Increment(ref _steps[stepIndex].ChecksFailed);
    }

    public void RecordIteration(long durationMicros)
    {
        _iterationDuration.RecordValue(LatencyHistograms.Clamp(durationMicros));
        Interlocked.Increment(ref _iterations);
    }

    /// <summary>
    /// Everything recorded since the last call. Gauges and the dropped count come from the shard. Called by one
    /// thread at a time (the shard's actor); recording may go on concurrently.
    /// </summary>
    public IntervalSnapshot TakeInterval(int activeVus, int maxVus, long droppedIterations)
    {
        var steps = new StepInterval[_steps.Length];
        for (var i = 0; i < _steps.Length; i++)
        {
            var step = _steps[i];
            var statuses = new Dictionary<int, long>();
            for (var code = 0; code < StatusSlots; code++)
            {
                var count = Interlocked.Exchange(ref step.Statuses[code], 0);
                if (count != 0) statuses[code] = count;
            }
            var errors = new long[step.Errors.Length];
            for (var e = 0; e < errors.Length; e++) errors[e] = Interlocked.Exchange(ref step.Errors[e], 0);
            steps[i] = new StepInterval
            {
                Name = _stepNames[i],
                Latency = TakeSparse(step.Latency, ref step.Spare),
                Requests = Interlocked.Exchange(ref step.Requests, 0),
                Failed = Interlocked.Exchange(ref step.Failed, 0),
                ChecksPassed = Interlocked.Exchange(ref step.ChecksPassed, 0),
                ChecksFailed = Interlocked.Exchange(ref step.ChecksFailed, 0),
                BytesSent = Interlocked.Exchange(ref step.BytesSent, 0),
                BytesReceived = Interlocked.Exchange(ref step.BytesReceived, 0),
                StatusCodes = statuses,
                Errors = errors,
            };
        }
        return new IntervalSnapshot
        {
            Steps = steps,
            IterationDuration = TakeSparse(_iterationDuration, ref _spareIterationDuration),
            Iterations = Interlocked.Exchange(ref _iterations, 0),
            ActiveVus = activeVus,
            MaxVus = maxVus,
            DroppedIterations = droppedIterations,
        };
    }

    /// <summary>
    /// The recorder's interval as a sparse copy. The previous interval's histogram is handed back to the recorder to
    /// become its next active one (the recorder resets it), and the one taken now becomes the spare.
    /// </summary>
    private static SparseHistogram TakeSparse(Recorder recorder, ref HistogramBase? spare)
    {
        var interval = spare is null ? recorder.GetIntervalHistogram() : recorder.GetIntervalHistogram(spare);
        var sparse = SparseHistogram.From(interval);
        spare = interval;
        return sparse;
    }

    /// <summary>Fields, not properties, so Interlocked can work on them.</summary>
    private sealed class StepRecorder
    {
        public readonly Recorder Latency = LatencyHistograms.CreateRecorder();
        public readonly long[] Statuses = new long[StatusSlots];
        public readonly long[] Errors = new long[Enum.GetValues<TransportError>().Length];
        public HistogramBase? Spare;
        public long Requests;
        public long Failed;
        public long ChecksPassed;
        public long ChecksFailed;
        public long BytesSent;
        public long BytesReceived;
    }
}
