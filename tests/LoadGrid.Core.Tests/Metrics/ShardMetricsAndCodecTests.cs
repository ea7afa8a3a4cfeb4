using LoadGrid.Core.Metrics;
using static LoadGrid.Core.Tests.Metrics.MetricsTestData;

namespace LoadGrid.Core.Tests.Metrics;

public sealed class ShardMetricsAndCodecTests
{
    [Fact]
    public void Taking_an_interval_returns_what_was_recorded_and_resets()
    {
        var metrics = new ShardMetrics(["a", "b"]);
        metrics.RecordRequest(0, 1500, 200, TransportError.None, false, 10, 20);
        metrics.RecordRequest(1, 2500, 0, TransportError.ConnectionRefused, true, 0, 0);
        metrics.RecordRequest(1, 900, 404, TransportError.None, true, 5, 7);
        metrics.RecordCheck(1, false);
        metrics.RecordIteration(5000);

        var first = metrics.TakeInterval(3, 4, 2);
        Assert.Equal(1, first.Steps[0].Requests);
        Assert.Equal(2, first.Steps[1].Requests);
        Assert.Equal(2, first.Steps[1].Failed);
        Assert.Equal(1, first.Steps[1].Errors[(int)TransportError.ConnectionRefused]);
        Assert.Equal(1, first.Steps[1].StatusCodes[404]);
        Assert.Equal(1, first.Steps[1].ChecksFailed);
        Assert.Equal(2, first.Steps[1].Latency.TotalCount);
        Assert.Equal(1, first.Iterations);
        Assert.Equal((3, 4, 2L), (first.ActiveVus, first.MaxVus, first.DroppedIterations));

        var second = metrics.TakeInterval(0, 0, 0);
        Assert.All(second.Steps, s => Assert.Equal(0, s.Requests));
        Assert.All(second.Steps, s => Assert.Equal(0, s.Latency.TotalCount));
        Assert.Equal(0, second.Iterations);
    }

    [Fact]
    public void Recycled_interval_histograms_hold_only_their_own_interval()
    {
        var metrics = new ShardMetrics(["a"]);
        for (var interval = 1; interval <= 4; interval++)
        {
            for (var i = 0; i < interval; i++) metrics.RecordRequest(0, 1000 * interval, 200, TransportError.None, false, 0, 0);
            metrics.RecordIteration(7000 * interval);
            var snapshot = metrics.TakeInterval(1, 1, 0);
            var latency = snapshot.Steps[0].Latency;
            Assert.Equal(interval, latency.TotalCount);
            // 3 significant digits: a bucket is at most 0.1 % of its value wide.
            Assert.All(latency.Values.ToArray(), v => Assert.InRange(v, 1000 * interval, 1000 * interval * 1.001));
            Assert.Equal(1, snapshot.IterationDuration.TotalCount);
            Assert.InRange(snapshot.IterationDuration.Values[0], 7000 * interval, 7000 * interval * 1.001);
        }
        Assert.Equal(0, metrics.TakeInterval(0, 0, 0).Steps[0].Latency.TotalCount);
    }

    [Fact]
    public void Taking_an_interval_does_not_allocate_new_histograms()
    {
        // A 1 µs..1 h, 3-digit concurrent histogram is ~190 KB; three steps and the iteration recorder would be
        // ~750 KB per interval if each swap allocated a fresh one (as it did before the spares were recycled).
        var metrics = new ShardMetrics(["a", "b", "c"]);
        for (var warmUp = 0; warmUp < 3; warmUp++)
        {
            metrics.RecordRequest(warmUp, 1500, 200, TransportError.None, false, 10, 20);
            metrics.TakeInterval(1, 1, 0);
        }
        for (var i = 0; i < 100; i++) metrics.RecordRequest(i % 3, 500 + i * 37, 200, TransportError.None, false, 38, 160);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var snapshot = metrics.TakeInterval(1, 1, 0);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal(100, snapshot.Steps.Sum(s => s.Requests));
        Assert.True(allocated < 64 * 1024, $"TakeInterval allocated {allocated} bytes");
    }

    [Fact]
    public void Concurrent_recording_counts_every_sample()
    {
        var metrics = new ShardMetrics(["a"]);
        Parallel.For(0, 8, new ParallelOptions { MaxDegreeOfParallelism = 8 }, _ =>
        {
            for (var i = 0; i < 20_000; i++) metrics.RecordRequest(0, 100 + i % 1000, 200, TransportError.None, false, 1, 1);
        });
        var snapshot = metrics.TakeInterval(0, 0, 0);
        Assert.Equal(160_000, snapshot.Steps[0].Requests);
        Assert.Equal(160_000, snapshot.Steps[0].Latency.TotalCount);
        Assert.Equal(160_000, snapshot.Steps[0].StatusCodes[200]);
    }

    [Fact]
    public void Out_of_range_latencies_are_clamped_not_thrown()
    {
        var metrics = new ShardMetrics(["a"]);
        metrics.RecordRequest(0, 0, 200, TransportError.None, false, 0, 0);
        metrics.RecordRequest(0, long.MaxValue, 200, TransportError.None, false, 0, 0);
        Assert.Equal(2, metrics.TakeInterval(0, 0, 0).Steps[0].Latency.TotalCount);
    }

    [Fact]
    public void A_snapshot_round_trips_through_the_codec()
    {
        var random = new Random(42);
        // Wide spread (1 µs .. 1 h) is what breaks HdrHistogram's own compressed decoding (#99).
        var latencies = Enumerable.Range(0, 50_000).Select(_ => (long)Math.Pow(10, random.NextDouble() * 9.5)).ToArray();
        var snapshot = Snapshot(latencies, failedEvery: 7, vus: 12);

        var decoded = IntervalCodec.Decode(IntervalCodec.Encode(snapshot));

        var (a, b) = (snapshot.Steps[0], decoded.Steps[0]);
        Assert.Equal(a.Name, b.Name);
        Assert.Equal((a.Requests, a.Failed, a.ChecksPassed, a.ChecksFailed, a.BytesSent, a.BytesReceived),
            (b.Requests, b.Failed, b.ChecksPassed, b.ChecksFailed, b.BytesSent, b.BytesReceived));
        Assert.Equal(a.StatusCodes.OrderBy(s => s.Key), b.StatusCodes.OrderBy(s => s.Key));
        Assert.Equal(a.Errors, b.Errors);
        Assert.Equal(a.Latency.TotalCount, b.Latency.TotalCount);
        Assert.Equal(a.Latency.Values.ToArray(), b.Latency.Values.ToArray());
        Assert.Equal(a.Latency.Counts.ToArray(), b.Latency.Counts.ToArray());
        var (full, fullDecoded) = (a.Latency.ToHistogram(), b.Latency.ToHistogram());
        foreach (var p in new[] { 0, 50, 90, 99, 99.9, 100 })
            Assert.Equal(full.GetValueAtPercentile(p), fullDecoded.GetValueAtPercentile(p));
        Assert.Equal((snapshot.Iterations, snapshot.ActiveVus, snapshot.MaxVus), (decoded.Iterations, decoded.ActiveVus, decoded.MaxVus));
    }

    [Fact]
    public void An_empty_snapshot_round_trips_and_is_small()
    {
        var empty = new ShardMetrics(["a", "b", "c"]).TakeInterval(0, 0, 0);
        var bytes = IntervalCodec.Encode(empty);
        var decoded = IntervalCodec.Decode(bytes);
        Assert.Equal(3, decoded.Steps.Count);
        Assert.True(bytes.Length < 100, $"{bytes.Length} bytes");
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 1, 2, 3, 4, 5 })]
    [InlineData(new byte[] { 0x0b, 0x02, 0x80, 0x4c, 0x02, 0x03 })]
    public void Garbage_is_rejected_as_invalid_data(byte[] garbage) =>
        Assert.Throws<InvalidDataException>(() => IntervalCodec.Decode(garbage));
}
