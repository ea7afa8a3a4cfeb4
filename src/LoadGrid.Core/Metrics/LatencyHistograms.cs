using HdrHistogram;

namespace LoadGrid.Core.Metrics;

/// <summary>
/// The histogram shapes LoadGrid uses, in microseconds from 1 µs to 1 hour. Whole-run aggregates keep 3 significant
/// digits (0.1 %); per-second points for charts keep 2 (1 %) in 32-bit counts, which makes them ~15× smaller.
/// </summary>
public static class LatencyHistograms
{
    public const long LowestMicros = 1;
    public const long HighestMicros = 3_600_000_000;

    public static LongHistogram CreateExact() => new(LowestMicros, HighestMicros, 3);

    public static IntHistogram CreateCoarse() => new(LowestMicros, HighestMicros, 2);

    /// <summary>
    /// A recorder for many concurrent VUs. Its histograms must be concurrent ones: the Recorder only coordinates
    /// writers with the interval swap, not with each other, so a plain LongHistogram loses increments under load.
    /// </summary>
    public static Recorder CreateRecorder() =>
        new(LowestMicros, HighestMicros, 3, (id, low, high, digits) => new LongConcurrentHistogram(id, low, high, digits));

    /// <summary>Clamps into the trackable range: a sample out of range must not throw on the hot path.</summary>
    public static long Clamp(long micros) => micros < LowestMicros ? LowestMicros : micros > HighestMicros ? HighestMicros : micros;

    /// <summary>Min, mean, percentiles and max in milliseconds; <see cref="LatencySummary.Empty"/> for no samples.</summary>
    public static LatencySummary Summarize(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0) return LatencySummary.Empty;
        double Ms(long micros) => micros / 1000.0;
        return new LatencySummary(
            Ms(histogram.GetValueAtPercentile(0)),
            histogram.GetMean() / 1000.0,
            Ms(histogram.GetValueAtPercentile(50)),
            Ms(histogram.GetValueAtPercentile(75)),
            Ms(histogram.GetValueAtPercentile(90)),
            Ms(histogram.GetValueAtPercentile(95)),
            Ms(histogram.GetValueAtPercentile(99)),
            Ms(histogram.GetValueAtPercentile(99.9)),
            Ms(histogram.GetMaxValue()));
    }

    /// <summary>A percentile in ms, 0 for no samples.</summary>
    public static double PercentileMs(HistogramBase histogram, double percentile) =>
        histogram.TotalCount == 0 ? 0 : histogram.GetValueAtPercentile(percentile) / 1000.0;
}
