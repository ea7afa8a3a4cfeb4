using BenchmarkDotNet.Attributes;
using LoadGrid.Core.Metrics;

namespace LoadGrid.Bench.Micro;

/// <summary>
/// Once a second per shard: the worker encodes its interval, the coordinator decodes it and merges it into the run.
/// The interval is a realistic one: three steps and the iteration histogram, about 20,000 requests spread over a
/// latency range of 0.2–50 ms (as one shard records in a second on this kind of machine).
/// </summary>
[MemoryDiagnoser]
public class IntervalBenchmarks
{
    private const int Shards = 64;
    private IntervalSnapshot _snapshot = null!;
    private byte[] _encoded = null!;
    private IntervalSource[] _sources = null!;
    private RunAggregator _aggregator = null!;
    private int _seq;

    [GlobalSetup]
    public void Setup()
    {
        var metrics = new ShardMetrics(["home", "login", "cart"]);
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            // Log-normal-ish: most samples near 1 ms, a tail to 50 ms.
            var micros = (long)Math.Min(50_000, 200 + Math.Exp(random.NextDouble() * 6 + random.NextDouble() * 4));
            var step = i % 3;
            var status = random.Next(100) == 0 ? 500 : 200;
            metrics.RecordRequest(step, micros, status, TransportError.None, status >= 400, 38, 160);
            metrics.RecordCheck(step, status == 200);
            if (step == 2) metrics.RecordIteration(micros * 3);
        }
        _snapshot = metrics.TakeInterval(64, 64, 0);
        _encoded = IntervalCodec.Encode(_snapshot);
        Console.WriteLine($"// interval: {_snapshot.Requests} requests, {_snapshot.Steps.Sum(s => s.Latency.Values.Length)} step buckets, "
            + $"{_snapshot.IterationDuration.Values.Length} iteration buckets, {_encoded.Length} bytes encoded");
        _sources = Enumerable.Range(0, Shards)
            .Select(i => new IntervalSource($"shard-{i}", "browse", i % 2 == 0 ? "us-east" : "eu-west", $"node-{i % 4}"))
            .ToArray();
        _aggregator = new RunAggregator("run", "bench", ["us-east", "eu-west"]);
    }

    [Benchmark]
    public byte[] Encode() => IntervalCodec.Encode(_snapshot);

    [Benchmark]
    public IntervalSnapshot Decode() => IntervalCodec.Decode(_encoded);

    /// <summary>One second of a 64-shard run: every shard's interval for a new second, merged (per interval figure).</summary>
    [Benchmark(OperationsPerInvoke = Shards)]
    public void RunAggregatorAdd()
    {
        var seq = _seq++;
        foreach (var source in _sources) _aggregator.Add(source, seq, _snapshot);
    }
}
