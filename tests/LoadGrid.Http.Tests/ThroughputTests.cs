using System.Diagnostics;
using LoadGrid.Core.Data;
using LoadGrid.Core.Metrics;
using LoadGrid.Http.Tests.Infrastructure;
using Xunit.Abstractions;
using static LoadGrid.Http.Tests.Infrastructure.Flows;

namespace LoadGrid.Http.Tests;

/// <summary>
/// A rough figure, not a test of speed: 64 VUs in tight loops against /ok on the in-process Kestrel for ~3 s,
/// printing requests per second. Runs only with LOADGRID_BENCH=1 (it would only slow the suite down otherwise).
/// </summary>
[Collection(TargetServerCollection.Name)]
public sealed class ThroughputTests(TargetServer server, ITestOutputHelper output)
{
    [SkippableFact]
    public async Task Tight_loop_of_64_vus_against_ok()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("LOADGRID_BENCH") == "1", "set LOADGRID_BENCH=1 to measure");
        var sink = new CountingSink();
        var (file, scenario) = Scenario(server.BaseUrl, Get("/ok"));
        var runner = new FlowRunner(file, scenario, "local", server.Transport, sink, new Dictionary<string, string>(), new Dictionary<string, Feeder>());

        using var warmUp = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        await RunLoops(runner, 64, warmUp.Token);
        Interlocked.Exchange(ref sink.Requests, 0);
        Interlocked.Exchange(ref sink.Failed, 0);

        using var measure = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var clock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await RunLoops(runner, 64, measure.Token);
        var elapsed = clock.Elapsed;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

        output.WriteLine($"{sink.Requests / elapsed.TotalSeconds:N0} requests/s ({sink.Requests:N0} in {elapsed.TotalSeconds:N2} s, {sink.Failed} failed); " +
            $"process CPU (client and Kestrel) {cpu.TotalMicroseconds / Math.Max(1, sink.Requests):N1} µs/request on {Environment.ProcessorCount} cores");
        Assert.Equal(0, sink.Failed);
    }

    private static Task RunLoops(FlowRunner runner, int vus, CancellationToken cancellation) =>
        Task.WhenAll(Enumerable.Range(1, vus).Select(id => Task.Run(async () =>
        {
            var vu = runner.CreateVirtualUser(id);
            while (await runner.RunIterationAsync(vu, 0, cancellation) == IterationOutcome.Completed) vu.Iteration++;
        })));

    private sealed class CountingSink : IMetricsSink
    {
        public long Requests;
        public long Failed;

        public void RecordRequest(int stepIndex, long latencyMicros, int status, TransportError error, bool failed, long bytesSent, long bytesReceived)
        {
            Interlocked.Increment(ref Requests);
            if (failed) Interlocked.Increment(ref Failed);
        }

        public void RecordCheck(int stepIndex, bool passed)
        {
        }

        public void RecordIteration(long durationMicros)
        {
        }
    }
}
