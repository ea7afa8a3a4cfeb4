using HdrHistogram;

namespace LoadGrid.Core.Metrics;

/// <summary>
/// A latency histogram as its non-empty buckets only (each bucket's highest equivalent value and its count): what an
/// interval carries from a shard to the coordinator. Recording it into a histogram costs one call per non-empty
/// bucket, so merging follows what the interval holds (tens to a few thousand buckets) instead of walking a full
/// 23,600-bucket array; re-recording a bucket's value into a histogram of the same shape lands in the same bucket,
/// so the merge stays exact.
/// </summary>
public sealed class SparseHistogram
{
    public static readonly SparseHistogram Empty = new([], []);

    private readonly long[] _values;
    private readonly long[] _counts;

    /// <param name="values">Bucket values (µs), ascending.</param>
    /// <param name="counts">Each bucket's count.</param>
    public SparseHistogram(long[] values, long[] counts)
    {
        if (values.Length != counts.Length) throw new ArgumentException("values and counts differ in length");
        _values = values;
        _counts = counts;
        TotalCount = counts.Sum();
    }

    public long TotalCount { get; }

    public ReadOnlySpan<long> Values => _values;

    public ReadOnlySpan<long> Counts => _counts;

    public static SparseHistogram From(HistogramBase histogram)
    {
        if (histogram.TotalCount == 0) return Empty;
        var values = new List<long>();
        var counts = new List<long>();
        foreach (var bucket in histogram.RecordedValues())
        {
            values.Add(bucket.ValueIteratedTo);
            counts.Add(bucket.CountAddedInThisIterationStep);
        }
        return new SparseHistogram(values.ToArray(), counts.ToArray());
    }

    /// <summary>Adds every bucket to <paramref name="target"/> (values clamped into LoadGrid's trackable range).</summary>
    public void RecordInto(HistogramBase target)
    {
        for (var i = 0; i < _values.Length; i++) target.RecordValueWithCount(LatencyHistograms.Clamp(_values[i]), _counts[i]);
    }

    /// <summary>A full 3-digit histogram of the same values (tests and tools; the merge path uses <see cref="RecordInto"/>).</summary>
    public LongHistogram ToHistogram()
    {
        var histogram = LatencyHistograms.CreateExact();
        RecordInto(histogram);
        return histogram;
    }
}
