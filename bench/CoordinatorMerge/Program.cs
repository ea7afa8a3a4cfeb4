// The coordinator's cost of merging one-second intervals (bench/coordinator-merge.sh runs this).
//
// Simulated senders: a real ShardMetrics is filled at one shard's share of the cluster's request rate (three steps,
// log-normal latencies clamped to 1 ms..2 s, status codes, transport errors, iterations) and, once per simulated
// second, an interval is taken and encoded (ShardMetrics.TakeInterval + IntervalCodec.Encode). All of that happens
// before anything is measured. Taking and encoding an interval costs several ms, so the senders make a pool of up to
// 60 distinct shard-seconds per configuration and each (shard, second) sends one of them; the coordinator decodes
// every message afresh, so only the payloads' shape matters to it, not their uniqueness.
//
// Measured: what RunCoordinatorActor does with those bytes. For each simulated second, IntervalCodec.Decode +
// RunAggregator.Add for every shard's interval (OnInterval), then one RunAggregator.Progress (PublishProgress); at
// the end one BuildSummary. CPU is the process's (Process.TotalProcessorTime: the merging thread plus the GC's).
//
// Usage: CoordinatorMerge --shards N --rate R [--seconds 30] [--repeats 3] [--duplicate] [--probe-at 4]
// Prints one Markdown table row (medians over the repeats) on stdout and each repeat's figures on stderr.
// With --parts: instead, where RunAggregator.Add's time goes, per call (median of batches).
using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using LoadGrid.Core.Metrics;

var options = Options.Parse(args);
var inv = CultureInfo.InvariantCulture;
if (options.Parts)
{
    Parts.Measure(options);
    return;
}

var generateClock = Stopwatch.StartNew();
var deliveries = Senders.Generate(options, out var distinct);
var payloadBytes = deliveries.SelectMany(second => second).Average(d => (double)d.Payload.Length);
Console.Error.WriteLine(string.Create(inv,
    $"[{options.Label}] senders: {distinct} distinct shard-seconds of {options.Rate / (double)options.Shards:0.#} requests, " +
    $"made in {generateClock.Elapsed.TotalSeconds:0.0} s; payload {payloadBytes:0} B/interval on average"));

// Warm-up (JIT, tiered compilation with PGO): ~400 intervals of up to 100 shards into a throwaway aggregator, then a
// pause for the background compiler; without it the first repeats ran up to 1.5× slower.
var warmShards = Math.Min(100, options.Shards);
var warmSeconds = Math.Min(deliveries.Length, (400 + warmShards - 1) / warmShards);
Coordinator.Run(deliveries[..warmSeconds].Select(second => second[..warmShards]).ToArray(), options, probeAt: 0);
Thread.Sleep(300);

var results = new List<Measurement>();
for (var repeat = 0; repeat < options.Repeats; repeat++)
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    var m = Coordinator.Run(deliveries, options, options.ProbeAt);
    results.Add(m);
    var duplicateNote = options.Duplicate
        ? string.Create(inv, $", re-sent copy: decode {m.DuplicateDecodeMicros:0.0} µs + Add {m.DuplicateAddMicros:0.00} µs")
        : "";
    Console.Error.WriteLine(string.Create(inv,
        $"[{options.Label}] run {repeat + 1}: CPU {m.CpuMsPerSecond:0.00} ms/s, wall {m.WallMsPerSecond:0.00} ms/s, " +
        $"{m.MicrosPerInterval:0.0} µs/interval (thread: decode {m.DecodeMicros:0.0} + Add {m.AddMicros:0.0}), " +
        $"alloc {m.AllocMBPerSecond:0.00} MB/s, GCs gen0/1/2 {m.Gen0}/{m.Gen1}/{m.Gen2}, retained {m.RetainedMB:0.000} MB " +
        $"({m.GrowthKBPerSecond:+0.0;-0.0} KB/s after second {options.ProbeAt}), peak RSS +{m.PeakRssMB:0} MB, " +
        $"Progress {m.ProgressMs:0.00} ms, BuildSummary {m.SummaryMs:0.0} ms{duplicateNote}"));
}

double Median(Func<Measurement, double> pick)
{
    var sorted = results.Select(pick).Order().ToArray();
    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
}

var cpu = Median(m => m.CpuMsPerSecond);
var duplicate = options.Duplicate
    ? string.Create(inv, $"{Median(m => m.DuplicateDecodeMicros):0} µs decode + {Median(m => m.DuplicateAddMicros):0.00} µs Add")
    : "–";
Console.WriteLine(string.Create(inv,
    $"| {options.Shards:N0} | {options.Rate:N0} | {(options.Duplicate ? "twice" : "once")} | {options.Seconds} | " +
    $"{payloadBytes:N0} B | {cpu:N0} ms | {cpu / 10:0.#} % | {Median(m => m.MicrosPerInterval):N0} µs | " +
    $"{Median(m => m.DecodeMicros):N0} / {Median(m => m.AddMicros):N0} µs | {Median(m => m.AllocMBPerSecond):N0} MB | " +
    $"{Median(m => m.Gen2) / options.Seconds:0.#} | {Median(m => m.PeakRssMB):0} MB | {Median(m => m.RetainedMB):0.0} MB | " +
    $"{Median(m => m.GrowthKBPerSecond):0.0} KB | {Median(m => m.ProgressMs):0.0} ms | {Median(m => m.SummaryMs):0} ms | {duplicate} |"));

internal sealed record Options(int Shards, int Rate, int Seconds, int Repeats, bool Duplicate, int ProbeAt, bool Parts)
{
    public string Label => $"{Shards} shards, {Rate}/s{(Duplicate ? ", each sent twice" : "")}";

    public static Options Parse(string[] args)
    {
        int shards = 10, rate = 1000, seconds = 30, repeats = 3, probeAt = 4;
        var duplicate = false;
        var parts = false;
        for (var i = 0; i < args.Length; i++)
        {
            int Next() => i + 1 < args.Length ? int.Parse(args[++i], CultureInfo.InvariantCulture) : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--shards": shards = Next(); break;
                case "--rate": rate = Next(); break;
                case "--seconds": seconds = Next(); break;
                case "--repeats": repeats = Next(); break;
                case "--probe-at": probeAt = Next(); break;
                case "--duplicate": duplicate = true; break;
                case "--parts": parts = true; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (shards is < 1 or > 100_000 || rate is < 1 or > 10_000_000 || seconds is < 2 or > 3600 || repeats is < 1 or > 50)
            throw new ArgumentException("out of range: shards 1..100000, rate 1..10000000, seconds 2..3600, repeats 1..50");
        // The memory probe needs seconds on both sides (the per-second series keeps 3 seconds open).
        return new Options(shards, rate, seconds, repeats, duplicate, Math.Clamp(probeAt, 1, seconds - 1), parts);
    }
}

/// <summary>What a MetricsInterval carries, plus the scenario and region the coordinator's ShardTracker knows.</summary>
internal sealed record Delivery(string ShardId, int Seq, string Node, string Scenario, string Region, byte[] Payload);

internal static class Senders
{
    public static readonly string[] Steps = ["home", "products", "checkout"];
    public static readonly string[] Regions = ["eu-west", "us-east"];
    public const string Scenario = "shop";
    private const int PoolSize = 60;

    /// <summary>deliveries[second][shard]: the encoded interval each shard sends for each simulated second.</summary>
    public static Delivery[][] Generate(Options options, out int distinct)
    {
        var random = new Random(20261125);
        // The cluster's rate split over the shards; with a remainder the pool alternates between the two shares.
        var low = options.Rate / options.Shards;
        var remainder = options.Rate % options.Shards;
        distinct = (int)Math.Min(PoolSize, (long)options.Shards * options.Seconds);
        var metrics = new ShardMetrics(Steps);
        var lowPool = new byte[distinct][];
        var highPool = remainder == 0 ? lowPool : new byte[distinct][];
        for (var i = 0; i < distinct; i++)
        {
            lowPool[i] = OneSecond(metrics, random, low);
            if (remainder != 0) highPool[i] = OneSecond(metrics, random, low + 1);
        }

        // Shard ids as RunPlanner makes them (run id as RunSetup.NewRunId); ten shards per node.
        var regions = Enumerable.Range(0, options.Shards).Select(s => Regions[s % Regions.Length]).ToArray();
        var shardIds = Enumerable.Range(0, options.Shards).Select(s => $"20261125-100733-7f3a9c.{Scenario}.{regions[s]}.{s / Regions.Length}").ToArray();
        var nodes = Enumerable.Range(0, options.Shards).Select(s => $"akka.tcp://loadgrid@10.0.{s / 2500}.{s / 10 % 250}:4053").ToArray();
        var deliveries = new Delivery[options.Seconds][];
        for (var t = 0; t < options.Seconds; t++)
        {
            deliveries[t] = new Delivery[options.Shards];
            for (var s = 0; s < options.Shards; s++)
            {
                var pool = s < remainder ? highPool : lowPool;
                deliveries[t][s] = new Delivery(shardIds[s], t, nodes[s], Scenario, regions[s], pool[(s * options.Seconds + t) % distinct]);
            }
        }
        return deliveries;
    }

    private static byte[] OneSecond(ShardMetrics metrics, Random random, int requests)
    {
        RecordOneSecond(metrics, random, requests);
        var vus = Math.Max(1, requests / 20);
        return IntervalCodec.Encode(metrics.TakeInterval(vus, vus, droppedIterations: random.Next(100) == 0 ? 1 : 0));
    }

    /// <summary>Iterations of home → products → checkout until <paramref name="requests"/> requests are recorded.</summary>
    private static void RecordOneSecond(ShardMetrics metrics, Random random, int requests)
    {
        var recorded = 0;
        while (recorded < requests)
        {
            long iterationMicros = 0;
            for (var step = 0; step < Steps.Length && recorded < requests; step++)
            {
                recorded++;
                var latency = Latency(random, step);
                var roll = random.NextDouble();
                if (roll < 0.004)
                {
                    // Transport errors: timeouts sit at the 2 s cap, resets come early.
                    var timeout = roll < 0.0025;
                    var elapsed = timeout ? 2_000_000 : latency / 4;
                    iterationMicros += elapsed;
                    metrics.RecordRequest(step, elapsed, 0, timeout ? TransportError.Timeout : TransportError.ConnectionReset,
                        failed: true, 180, 0);
                    metrics.RecordCheck(step, passed: false);
                    break; // the iteration stops at a failed request
                }
                iterationMicros += latency;
                var status = roll < 0.95 ? 200 : roll < 0.97 ? 201 : roll < 0.985 ? 404 : roll < 0.995 ? 500 : 503;
                var failed = status >= 400;
                metrics.RecordRequest(step, latency, status, TransportError.None, failed, 180 + step * 40, 512 + random.Next(16_384));
                metrics.RecordCheck(step, passed: !failed);
                if (failed) break;
            }
            metrics.RecordIteration(iterationMicros);
        }
    }

    /// <summary>Log-normal around a per-step median (12, 35, 90 ms), clamped to 1 ms..2 s: a long right tail.</summary>
    private static long Latency(Random random, int step)
    {
        var medianMs = step switch { 0 => 12.0, 1 => 35.0, _ => 90.0 };
        var gaussian = Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        var ms = medianMs * Math.Exp(1.1 * gaussian);
        return (long)(Math.Clamp(ms, 1, 2000) * 1000);
    }
}

internal sealed record Measurement(
    double CpuMsPerSecond, double WallMsPerSecond, double MicrosPerInterval, double DecodeMicros, double AddMicros,
    double AllocMBPerSecond, int Gen0, int Gen1, int Gen2, double RetainedMB, double GrowthKBPerSecond, double PeakRssMB,
    double ProgressMs, double SummaryMs, double DuplicateDecodeMicros, double DuplicateAddMicros);

internal static class Coordinator
{
    private sealed class Clocks
    {
        public long Decode, Add, DuplicateDecode, DuplicateAdd, Progress;
    }

    /// <summary>
    /// Feeds <paramref name="deliveries"/> to a fresh RunAggregator the way RunCoordinatorActor does. The memory probes
    /// (full GCs) after second <paramref name="probeAt"/> and after the last second, before BuildSummary closes the open
    /// seconds, are taken out of the CPU, wall clock and allocations; 0 = no probes (warm-up).
    /// </summary>
    public static Measurement Run(Delivery[][] deliveries, Options options, int probeAt)
    {
        var process = Process.GetCurrentProcess();
        var seconds = deliveries.Length;
        var intervals = deliveries.Sum(second => (long)second.Length);
        var scenarios = new[] { new ScenarioProgress(Senders.Scenario, 0, 0, 0, "running") };
        var planned = TimeSpan.FromSeconds(seconds);
        var clocks = new Clocks();

        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var rssBefore = ResetPeakRss();
        var (gen0, gen1, gen2) = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        process.Refresh();
        var cpuBefore = process.TotalProcessorTime;
        var wall = Stopwatch.StartNew();

        var aggregator = new RunAggregator("bench-run", "coordinator-merge", Senders.Regions);
        var excludedCpu = TimeSpan.Zero;
        var excludedWall = TimeSpan.Zero;
        var excludedAllocated = 0L;
        var retainedAtProbe = 0L;
        var retainedAtEnd = 0L;

        for (var t = 0; t < seconds; t++)
        {
            MergeSecond(aggregator, deliveries[t], options.Duplicate, clocks);
            // RunCoordinatorActor.PublishProgress, once a second.
            var progressStart = Stopwatch.GetTimestamp();
            _ = aggregator.Progress(TimeSpan.FromSeconds(t + 1), planned, scenarios);
            clocks.Progress += Stopwatch.GetTimestamp() - progressStart;

            if (probeAt > 0 && (t + 1 == probeAt || t + 1 == seconds))
            {
                process.Refresh();
                var cpuAt = process.TotalProcessorTime;
                var wallAt = wall.Elapsed;
                var allocatedAt = GC.GetTotalAllocatedBytes(precise: true);
                var collectionsAt = (GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2));
                var retainedNow = GC.GetTotalMemory(forceFullCollection: true) - heapBefore;
                gen0 += GC.CollectionCount(0) - collectionsAt.Item1;
                gen1 += GC.CollectionCount(1) - collectionsAt.Item2;
                gen2 += GC.CollectionCount(2) - collectionsAt.Item3;
                if (t + 1 == probeAt) retainedAtProbe = retainedNow;
                else retainedAtEnd = retainedNow;
                excludedAllocated += GC.GetTotalAllocatedBytes(precise: true) - allocatedAt;
                process.Refresh();
                excludedCpu += process.TotalProcessorTime - cpuAt;
                excludedWall += wall.Elapsed - wallAt;
            }
        }

        var summaryStart = Stopwatch.GetTimestamp();
        _ = aggregator.BuildSummary(RunStatus.Passed, DateTimeOffset.UnixEpoch, seconds, [], []);
        var summaryTicks = Stopwatch.GetTimestamp() - summaryStart;

        var wallTotal = wall.Elapsed - excludedWall;
        process.Refresh();
        var cpuTotal = process.TotalProcessorTime - cpuBefore - excludedCpu;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore - excludedAllocated;
        var collections = (GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2);
        var peakRss = PeakRss() - rssBefore;
        var requests = aggregator.View("", new Dictionary<string, string>()).Requests.Requests;
        if (probeAt > 0 && requests != (long)options.Rate * seconds)
            throw new InvalidOperationException($"merged {requests} requests, the senders sent {(long)options.Rate * seconds}");

        static double Ms(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
        double PerInterval(long ticks) => Ms(ticks) * 1000 / intervals;
        return new Measurement(
            cpuTotal.TotalMilliseconds / seconds,
            wallTotal.TotalMilliseconds / seconds,
            cpuTotal.TotalMilliseconds * 1000 / intervals,
            PerInterval(clocks.Decode),
            PerInterval(clocks.Add),
            allocated / 1e6 / seconds,
            collections.Item1, collections.Item2, collections.Item3,
            retainedAtEnd / 1e6,
            probeAt > 0 ? (retainedAtEnd - retainedAtProbe) / 1e3 / (seconds - probeAt) : 0,
            peakRss / 1e6,
            Ms(clocks.Progress) / seconds,
            Ms(summaryTicks),
            PerInterval(clocks.DuplicateDecode),
            PerInterval(clocks.DuplicateAdd));
    }

    /// <summary>One simulated second of MetricsInterval messages, as RunCoordinatorActor.OnInterval handles them.</summary>
    /// <remarks>A method of its own so no decoded snapshot stays reachable from a local during the memory probe.</remarks>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void MergeSecond(RunAggregator aggregator, Delivery[] second, bool duplicate, Clocks clocks)
    {
        for (var s = 0; s < second.Length; s++)
        {
            var d = second[s];
            var start = Stopwatch.GetTimestamp();
            // A deserialized MetricsInterval brings its own ShardId and Node strings; RunAggregator keeps the ShardId.
            var shardId = new string(d.ShardId.AsSpan());
            var node = new string(d.Node.AsSpan());
            var snapshot = IntervalCodec.Decode(d.Payload);
            var decoded = Stopwatch.GetTimestamp();
            aggregator.Add(new IntervalSource(shardId, d.Scenario, d.Region, node), d.Seq, snapshot);
            var added = Stopwatch.GetTimestamp();
            clocks.Decode += decoded - start;
            clocks.Add += added - decoded;
            if (!duplicate) continue;
            // The same MetricsInterval again (a re-send after a lost ack, a retried tell): OnInterval decodes it,
            // then Add finds the (shard, seq) merged already.
            var again = IntervalCodec.Decode(d.Payload);
            var againDecoded = Stopwatch.GetTimestamp();
            if (aggregator.Add(new IntervalSource(new string(d.ShardId.AsSpan()), d.Scenario, d.Region, node), d.Seq, again))
                throw new InvalidOperationException("a re-sent (shard, seq) was merged twice");
            clocks.DuplicateDecode += againDecoded - added;
            clocks.DuplicateAdd += Stopwatch.GetTimestamp() - againDecoded;
        }
    }

    /// <summary>Resets the kernel's peak RSS (VmHWM) to the current RSS and returns that, in bytes.</summary>
    private static long ResetPeakRss()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not Linux, or not allowed: the peak then covers the whole process so far.
        }
        return Status("VmRSS:");
    }

    private static long PeakRss() => Status("VmHWM:");

    private static long Status(string field)
    {
        if (!File.Exists("/proc/self/status")) return Process.GetCurrentProcess().PeakWorkingSet64;
        var line = File.ReadLines("/proc/self/status").First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }
}

/// <summary>
/// Where RunAggregator.Add's time goes: its pieces called one by one on the same kind of objects (MetricAggregate per
/// step slice, IterationAggregate, SecondSeries for the whole run and again for the region). Decode is left out: its
/// cost is mostly the garbage collections its 4 × 189 KB of new histograms cause, which depend on the whole heap, so
/// only its share inside the merge loop (the main table) means something.
/// </summary>
internal static class Parts
{
    public static void Measure(Options options)
    {
        var deliveries = Senders.Generate(options, out _);
        var payloads = deliveries.SelectMany(second => second).Select(d => d.Payload).Distinct().ToArray();
        var snapshots = payloads.Select(p => IntervalCodec.Decode(p)).ToArray();
        var slice = new MetricAggregate();
        var iterations = new IterationAggregate();
        var series = new SecondSeries();
        var aggregator = new RunAggregator("parts", "parts", Senders.Regions);
        // Median of 9 batches of 30 calls: the machine is shared, and a median resists the neighbours' bursts.
        const int Batches = 9, Calls = 30;
        double Time(Action<int> call)
        {
            for (var i = 0; i < 60; i++) call(i); // warm-up
            var batches = new double[Batches];
            for (var b = 0; b < Batches; b++)
            {
                var start = Stopwatch.GetTimestamp();
                for (var i = 0; i < Calls; i++) call(60 + b * Calls + i);
                batches[b] = (Stopwatch.GetTimestamp() - start) * 1e6 / Stopwatch.Frequency / Calls;
            }
            return batches.Order().ElementAt(Batches / 2);
        }
        var sliceAdd = Time(i => slice.Add(snapshots[i % snapshots.Length].Steps[0]));
        var iterationAdd = Time(i => iterations.Add(snapshots[i % snapshots.Length]));
        var seriesAdd = Time(i => series.Add(i / 10, snapshots[i % snapshots.Length]));
        var add = Time(i => aggregator.Add(new IntervalSource($"s{i % 10}", Senders.Scenario, Senders.Regions[i % 2], "n"), i / 10,
            snapshots[i % snapshots.Length]));
        var steps = Senders.Steps.Length;
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(inv,
            $"| {options.Rate / (double)options.Shards:N0} | {payloads.Average(p => p.Length):N0} B | {add:0} µs | {steps} × {sliceAdd:0} µs | {iterationAdd:0} µs | 2 × {seriesAdd:0} µs | " +
            $"{steps * sliceAdd + iterationAdd + 2 * seriesAdd:0} µs |"));
    }
}
