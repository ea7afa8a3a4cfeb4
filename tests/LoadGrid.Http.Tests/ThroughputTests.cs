using System.Diagnostics;
using LoadGrid.Core.Data;
using LoadGrid.Core.Metrics;
using LoadGrid.Http.Tests.Infrastructure;
using Xunit.Abstractions;
using static LoadGrid.Http.Tests.Infrastructure.Flows;

namespace LoadGrid.Http.Tests;

/// <summary>
/// Rough figures, not tests of speed: 64 loops against /ok on the in-process Kestrel for ~3 s each, once through
/// the flow runner and once straight on the transport (so the runner's own overhead shows), printing requests per
/// second, process CPU and allocations per request (both include Kestrel's share). Runs only with LOADGRID_BENCH=1.
/// </summary>
[Collection(TargetServerCollection.Name)]
public sealed class ThroughputTests(TargetServer server, ITestOutputHelper output)
{
    private const int Loops = 64;

    [SkippableFact]
    public async Task Tight_loop_of_64_vus_against_ok()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("LOADGRID_BENCH") == "1", "set LOADGRID_BENCH=1 to measure");
        var sink = new CountingSink();
        var (file, scenario) = Scenario(server.BaseUrl, Get("/ok"));
        var runner = new FlowRunner(file, scenario, "local", server.Transport, sink, new Dictionary<string, string>(), new Dictionary<string, Feeder>());
        var request = new TransportRequest(HttpMethod.Get, new Uri(server.BaseUrl + "/ok"), [], null, null, null, ReadBody: false);

        await Measure("warm-up", TimeSpan.FromSeconds(2), token => RunnerLoop(runner, token), sink);
        await Measure("flow runner", TimeSpan.FromSeconds(3), token => RunnerLoop(runner, token), sink);
        await Measure("transport alone", TimeSpan.FromSeconds(3), token => TransportLoop(request, sink, token), sink);
    }

    private async Task Measure(string label, TimeSpan duration, Func<CancellationToken, Task> loop, CountingSink sink)
    {
        sink.Reset();
        using var stop = new CancellationTokenSource(duration);
        var clock = Stopwatch.StartNew();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes();
        await Task.WhenAll(Enumerable.Range(1, Loops).Select(_ => Task.Run(() => loop(stop.Token))));
        var (elapsed, cpu, allocated) = (clock.Elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, GC.GetTotalAllocatedBytes() - allocatedBefore);

        var requests = Math.Max(1, sink.Requests);
        output.WriteLine($"{label,-16} {sink.Requests / elapsed.TotalSeconds,8:N0} requests/s, {cpu.TotalMicroseconds / requests,6:N1} µs CPU/request, " +
            $"{allocated / requests,6:N0} B allocated/request ({sink.Requests:N0} requests, {sink.Failed} failed, {Environment.ProcessorCount} cores)");
        Assert.Equal(0, sink.Failed);
    }

    private async Task RunnerLoop(FlowRunner runner, CancellationToken cancellation)
    {
        var vu = runner.CreateVirtualUser(1);
        while (await runner.RunIterationAsync(vu, 0, cancellation) == IterationOutcome.Completed) vu.Iteration++;
    }

    private async Task TransportLoop(TransportRequest request, CountingSink sink, CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            TransportResponse response;
            try
            {
                response = await server.Transport.SendAsync(request, cancellation);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            sink.RecordRequest(0, 0, response.Status, response.Error, response.Status != 200, 0, response.BodyBytes);
        }
    }

    private sealed class CountingSink : IMetricsSink
    {
        private long _requests;
        private long _failed;

        public long Requests => Interlocked.Read(ref _requests);

        public long Failed => Interlocked.Read(ref _failed);

        public void Reset()
        {
            Interlocked.Exchange(ref _requests, 0);
            Interlocked.Exchange(ref _failed, 0);
        }

        public void RecordRequest(int stepIndex, long latencyMicros, int status, TransportError error, bool failed, long bytesSent, long bytesReceived)
        {
            Interlocked.Increment(ref _requests);
            if (failed) Interlocked.Increment(ref _failed);
        }

        public void RecordCheck(int stepIndex, bool passed)
        {
        }

        public void RecordIteration(long durationMicros)
        {
        }
    }
}
