using HdrHistogram;

namespace LoadGrid.Core.Metrics;

/// <summary>
/// The per-second series of a run (whole run, and per region) for the live view, charts and history. A second stays
/// open — with a coarse 2-digit histogram — until an interval three seconds later has arrived, then is reduced to a
/// <see cref="SeriesPoint"/> and its histogram dropped, so memory does not grow with the run's length. An interval
/// that arrives after its second closed still adds its counts, but not its latencies, to that point.
/// </summary>
public sealed class SecondSeries
{
    private const int CloseAfterSeconds = 3;

    private readonly SortedDictionary<int, OpenSecond> _open = [];
    private readonly SortedDictionary<int, SeriesPoint> _closed = [];
    private int _latestSeq = -1;

    public void Add(int seq, IntervalSnapshot snapshot, Func<StepInterval, bool>? include = null)
    {
        _latestSeq = Math.Max(_latestSeq, seq);
        long requests = 0, failed = 0;
        if (_closed.TryGetValue(seq, out var closed))
        {
            foreach (var step in snapshot.Steps.Where(s => include?.Invoke(s) ?? true))
            {
                requests += step.Requests;
                failed += step.Failed;
            }
            _closed[seq] = closed with
            {
                Requests = closed.Requests + requests,
                Failed = closed.Failed + failed,
                Iterations = closed.Iterations + snapshot.Iterations,
                Vus = closed.Vus + snapshot.ActiveVus,
            };
        }
        else
        {
            if (!_open.TryGetValue(seq, out var second)) _open[seq] = second = new OpenSecond();
            foreach (var step in snapshot.Steps.Where(s => include?.Invoke(s) ?? true))
            {
                step.Latency.RecordInto(second.Latency);
                second.Requests += step.Requests;
                second.Failed += step.Failed;
            }
            second.Iterations += snapshot.Iterations;
            second.Vus += snapshot.ActiveVus;
        }
        foreach (var old in _open.Keys.Where(s => s <= _latestSeq - CloseAfterSeconds).ToArray()) Close(old);
    }

    /// <summary>The newest second that is complete enough to show (one second behind the newest data).</summary>
    public SeriesPoint? Latest => Points.LastOrDefault(p => p.Second < _latestSeq) ?? Points.LastOrDefault();

    /// <summary>All seconds so far, open ones computed on the fly.</summary>
    public IReadOnlyList<SeriesPoint> Points =>
        _closed.Values.Concat(_open.Select(o => o.Value.ToPoint(o.Key))).OrderBy(p => p.Second).ToArray();

    /// <summary>Closes every open second (at the end of the run).</summary>
    public void CloseAll()
    {
        foreach (var seq in _open.Keys.ToArray()) Close(seq);
    }

    private void Close(int seq)
    {
        _closed[seq] = _open[seq].ToPoint(seq);
        _open.Remove(seq);
    }

    private sealed class OpenSecond
    {
        public IntHistogram Latency { get; } = LatencyHistograms.CreateCoarse();
        public long Requests { get; set; }
        public long Failed { get; set; }
        public long Iterations { get; set; }
        public int Vus { get; set; }

        public SeriesPoint ToPoint(int seq) => new(seq, Requests, Failed,
            LatencyHistograms.PercentileMs(Latency, 50), LatencyHistograms.PercentileMs(Latency, 95), LatencyHistograms.PercentileMs(Latency, 99),
            Vus, Iterations);
    }
}
