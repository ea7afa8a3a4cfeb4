using System.Diagnostics;
using LoadGrid.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests;

/// <summary>
/// Runs that lose a node: real <c>loadgrid node</c> processes killed with SIGKILL mid-run, the target's own clock
/// saying whether the load came back (or stopped).
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class FailoverTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);
    private readonly TempFolder _folder = new();
    private KnownTargetServer _server = null!;

    public async Task InitializeAsync() => _server = await KnownTargetServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    private string RateScenario(string region, int rate, string duration) => $"""
        name: failover
        baseUrl: {_server.BaseAddress}
        regions: {"{"} {region}: 1 {"}"}
        scenarios:
          arrivals:
            executor: constant-arrival-rate
            rate: {rate}
            duration: {duration}
            preAllocatedVUs: 20
            maxVUs: 100
            flow:
              - get: /ok
        """;

    private static double Seconds(long fromTimestamp, long toTimestamp) => (toTimestamp - fromTimestamp) / (double)Stopwatch.Frequency;

    [Fact]
    public async Task A_killed_workers_share_moves_to_the_other_worker_of_its_region()
    {
        using var cluster = await TestCluster.StartAsync(log, _folder.Path, $"sqlite:{_folder.File("failover.db")}", "us-east", "us-east");
        var file = _folder.Write("failover.yaml", RateScenario("us-east", 100, "30s"));
        var json = _folder.File("failover.json");
        using var run = LoadGridProcess.Start(log, _folder.Path, serializeLocalMessages: false,
            "run", file, "--cluster", cluster.Control, "--summary-json", json, "--no-progress");

        // Ten seconds in (by the target's count), the second worker dies without a word.
        await Eventually.HoldsAsync(() => _server.Count("ok") >= 1000, TimeSpan.FromSeconds(60), () => $"{_server.Count("ok")} requests served");
        var victim = cluster.Workers[1];
        var victimAddress = victim.NodeAddress;
        victim.Signal("KILL");
        var killedAt = Stopwatch.GetTimestamp();

        await run.WaitForExitAsync(RunTimeout);
        log.WriteLine(cluster.AllOutput);
        Assert.True(File.Exists(json), $"no summary JSON; exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        var summary = Summary.Load(json);
        Assert.Equal(0, run.ExitCode);

        // From 10 s after the kill to the end, the target sees (nearly) the planned 100/s again.
        var arrivals = _server.Arrivals("ok");
        var from = killedAt + 10 * Stopwatch.Frequency;
        var after = arrivals.Where(t => t >= from).ToArray();
        Assert.True(after.Length > 0, "no request reached the target from 10 s after the kill");
        var span = Seconds(from, after[^1]);
        var rate = after.Length / Math.Max(span, 0.001);
        log.WriteLine($"after the kill +10 s: {after.Length} requests in {span:0.0}s = {rate:0.0}/s; per second since the kill: " +
            string.Join(" ", arrivals.Where(t => t >= killedAt).GroupBy(t => (int)Seconds(killedAt, t)).Select(g => g.Count())));
        Assert.True(span >= 5, $"the run ended {span:0.0}s after kill+10s; the kill came too late to check the load afterwards");
        Assert.True(rate >= 90, $"{rate:0.0} requests/s from 10 s after the kill, expected ≥ 90/s");

        // Nothing counted twice; at most the lost worker's last unreported second (≈ 50 requests) is missing.
        var served = _server.Count("ok");
        var reported = summary.Long("totals.requests");
        log.WriteLine($"server {served}, reported {reported}");
        Assert.InRange(served - reported, 0, 75);

        var warnings = summary["warnings"].EnumerateArray().Select(w => w.GetString()!).ToArray();
        Assert.Contains(warnings, w => w.Contains(victimAddress, StringComparison.Ordinal) && w.Contains("moved to", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Workers_stop_their_load_when_the_coordinator_dies_with_no_successor()
    {
        using var cluster = await TestCluster.StartAsync(log, _folder.Path, $"sqlite:{_folder.File("orphan.db")}", "local");
        var file = _folder.Write("orphan.yaml", RateScenario("local", 50, "60s"));
        using var run = LoadGridProcess.Start(log, _folder.Path, serializeLocalMessages: false,
            "run", file, "--cluster", cluster.Control, "--no-progress");

        await Eventually.HoldsAsync(() => _server.Count("ok") >= 250, TimeSpan.FromSeconds(60), () => $"{_server.Count("ok")} requests served");
        cluster.Coordinator.Signal("KILL");
        var killedAt = Stopwatch.GetTimestamp();

        // Wait until the target has been quiet for 3 s (or give up after 30 s and let the assertion say why).
        var quiet = Task.Run(() => Eventually.HoldsAsync(
            () => _server.Arrivals("ok") is { Count: > 0 } a && Seconds(a[^1], Stopwatch.GetTimestamp()) >= 3,
            TimeSpan.FromSeconds(30), () => "the target still receives requests"));
        try
        {
            await quiet;
        }
        catch (TimeoutException)
        {
            // asserted below, with the figures
        }
        var last = _server.Arrivals("ok")[^1];
        var stoppedAfter = Seconds(killedAt, last);
        log.WriteLine($"last request {stoppedAfter:0.00}s after the coordinator was killed");
        log.WriteLine(cluster.AllOutput);
        Assert.True(stoppedAfter <= 5, $"the worker went on for {stoppedAfter:0.0}s after its coordinator died (expected ≤ 5 s)");

        // The client loses its cluster: it says so and fails, it does not hang.
        await run.WaitForExitAsync(TimeSpan.FromSeconds(90));
        Assert.Equal(1, run.ExitCode);
        Assert.Contains("lost the connection to the cluster", run.Stderr);
    }
}
