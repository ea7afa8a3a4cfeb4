using BenchmarkDotNet.Attributes;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Bench.Micro;

/// <summary>
/// The per-sample recording path a VU takes after every request and iteration: it must not allocate
/// (issue 9: "no allocation per sample on the recording path").
/// </summary>
[MemoryDiagnoser]
public class RecordingBenchmarks
{
    private ShardMetrics _metrics = null!;
    private long _latency;

    [GlobalSetup]
    public void Setup()
    {
        _metrics = new ShardMetrics(["home", "login", "cart"]);
        _latency = 1_234;
    }

    /// <summary>A 200 response: latency into the step's recorder, request and status counters, byte counts.</summary>
    [Benchmark]
    public void RecordRequest_ok() =>
        _metrics.RecordRequest(1, _latency++ & 0xFFFF, 200, TransportError.None, failed: false, bytesSent: 38, bytesReceived: 160);

    /// <summary>A failed request: a 500, counted as failed.</summary>
    [Benchmark]
    public void RecordRequest_status500() =>
        _metrics.RecordRequest(2, _latency++ & 0xFFFF, 500, TransportError.None, failed: true, bytesSent: 38, bytesReceived: 160);

    /// <summary>A transport error (no status, no bytes received).</summary>
    [Benchmark]
    public void RecordRequest_transportError() =>
        _metrics.RecordRequest(0, 5_000_000, 0, TransportError.Timeout, failed: true, bytesSent: 38, bytesReceived: 0);

    [Benchmark]
    public void RecordCheck() => _metrics.RecordCheck(1, passed: true);

    [Benchmark]
    public void RecordIteration() => _metrics.RecordIteration(_latency++ & 0xFFFFF);

    /// <summary>Once a second per shard, not per sample: swaps the recorders and copies out the interval (allocates by design).</summary>
    [Benchmark]
    public IntervalSnapshot TakeInterval()
    {
        for (var i = 0; i < 100; i++) _metrics.RecordRequest(i % 3, 500 + i * 37, 200, TransportError.None, false, 38, 160);
        return _metrics.TakeInterval(64, 64, 0);
    }
}
