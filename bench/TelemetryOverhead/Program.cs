// Telemetry's CPU in-process, without a network or a server to blur it:
//  1. the flow runner's cost per iteration (one GET and a status check) against a transport that answers at once,
//     with tracing off (no IterationTracing), at --trace-sample 0.01 and at 1;
//  2. IntervalTelemetry.Record per request of an interval, with nothing listening to the meter and with the
//     OpenTelemetry SDK collecting it (the Prometheus and OTLP exporters read the same SDK aggregation).
// Each figure is the median of the repeats; every repeat runs the modes interleaved so drift hits them alike.
using System.Diagnostics;
using LoadGrid.Cluster.Telemetry;
using LoadGrid.Core.Load;
using LoadGrid.Core.Metrics;
using LoadGrid.Core.Scenarios;
using LoadGrid.Http;
using OpenTelemetry;
using OpenTelemetry.Metrics;

const int Iterations = 400_000;
const int IntervalRequests = 200_000;
var repeats = args.Length > 1 && args[0] == "--repeats" ? int.Parse(args[1]) : 5;

var file = ScenarioLoader.Parse("""
    name: bench
    baseUrl: http://127.0.0.1:9
    scenarios:
      s:
        executor: constant-vus
        vus: 1
        duration: 1s
        flow:
          - get: /ok
            check: { status: 200 }
    """, "bench.yaml", new Dictionary<string, string>(), checkFiles: false).Scenario!;
var scenario = file.Scenarios[0];

double RunnerNanos(IterationTracing? tracing)
{
    var sink = new ShardMetrics(["GET /ok"]);
    var runner = new FlowRunner(file, scenario, "local", new InstantTransport(), sink, new Dictionary<string, string>(),
        new Dictionary<string, LoadGrid.Core.Data.Feeder>(), tracing);
    var vu = runner.CreateVirtualUser(1);
    for (var i = 0; i < 20_000; i++) runner.RunIterationAsync(vu, 0, CancellationToken.None).GetAwaiter().GetResult();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < Iterations; i++) runner.RunIterationAsync(vu, 0, CancellationToken.None).GetAwaiter().GetResult();
    return (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds * 1e6 / Iterations;
}

IntervalSnapshot Interval()
{
    var metrics = new ShardMetrics(["home", "cart"]);
    var random = new Random(7);
    for (var i = 0; i < IntervalRequests; i++)
        metrics.RecordRequest(i % 2, 500 + (long)(random.NextDouble() * random.NextDouble() * 400_000), i % 50 == 0 ? 500 : 200, TransportError.None, i % 50 == 0, 100, 600);
    return metrics.TakeInterval(64, 64, 0);
}

double RecordNanos(IntervalSnapshot interval)
{
    var watch = Stopwatch.StartNew();
    IntervalTelemetry.Record("bench-run", "s", "local", interval);
    return watch.Elapsed.TotalMilliseconds * 1e6 / interval.Requests;
}

var off = new List<double>();
var sampled = new List<double>();
var all = new List<double>();
var unheard = new List<double>();
var collected = new List<double>();
var interval = Interval();
for (var r = 0; r < repeats; r++)
{
    off.Add(RunnerNanos(null));
    sampled.Add(RunnerNanos(IterationTracing.For(0.01)));
    all.Add(RunnerNanos(IterationTracing.For(1)));
    unheard.Add(RecordNanos(interval));
    var exported = new List<Metric>();
    using (var provider = Sdk.CreateMeterProviderBuilder().AddMeter(LoadGridMeter.Name).AddInMemoryExporter(exported).Build())
    {
        RecordNanos(interval); // the SDK's first sight of each series
        collected.Add(RecordNanos(interval));
    }
    Console.Error.WriteLine($"repeat {r + 1}: runner off {off[^1]:0} ns, 0.01 {sampled[^1]:0} ns, 1 {all[^1]:0} ns per iteration · Record {unheard[^1]:0.0} ns (no listener), {collected[^1]:0.0} ns (SDK) per request");
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

Console.WriteLine("| measured | CPU | vs off |");
Console.WriteLine("| --- | --- | --- |");
Console.WriteLine($"| flow runner, one request per iteration, tracing off | {Median(off):0} ns / iteration | 1.00× |");
Console.WriteLine($"| flow runner, `--trace-sample 0.01` | {Median(sampled):0} ns / iteration | {Median(sampled) / Median(off):0.00}× |");
Console.WriteLine($"| flow runner, `--trace-sample 1` (every iteration traced, traceparent sent) | {Median(all):0} ns / iteration | {Median(all) / Median(off):0.00}× |");
Console.WriteLine($"| IntervalTelemetry.Record, nothing listening (no exporter) | {Median(unheard):0.0} ns / request of the interval | |");
Console.WriteLine($"| IntervalTelemetry.Record, OpenTelemetry SDK collecting | {Median(collected):0.0} ns / request of the interval | |");

/// <summary>A transport that answers 200 at once: what is left is LoadGrid's own work per request.</summary>
sealed class InstantTransport : IHttpTransport
{
    public ValueTask<TransportResponse> SendAsync(TransportRequest request, CancellationToken cancellation)
    {
        var now = Stopwatch.GetTimestamp();
        return ValueTask.FromResult(new TransportResponse { Status = 200, HeaderBytes = 60, BodyBytes = 2, HeadersTimestamp = now, EndTimestamp = now });
    }
}
