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

    private string RateScenario(string regions, int rate, string duration, string extra = "") => $"""
        name: failover
        baseUrl: {_server.BaseAddress}
        regions: {"{"} {regions} {"}"}
        {extra}
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
        var file = _folder.Write("failover.yaml", RateScenario("us-east: 1", 100, "30s"));
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
        var file = _folder.Write("orphan.yaml", RateScenario("local: 1", 50, "60s"));
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

    [Fact]
    public async Task A_worker_that_leaves_gracefully_hands_its_share_over_within_two_seconds()
    {
        using var cluster = await TestCluster.StartAsync(log, _folder.Path, $"sqlite:{_folder.File("leave.db")}", "us-east", "us-east");
        var file = _folder.Write("leave.yaml", RateScenario("us-east: 1", 100, "20s"));
        var json = _folder.File("leave.json");
        using var run = LoadGridProcess.Start(log, _folder.Path, serializeLocalMessages: false,
            "run", file, "--cluster", cluster.Control, "--summary-json", json, "--no-progress");

        await Eventually.HoldsAsync(() => _server.Count("ok") >= 600, TimeSpan.FromSeconds(60), () => $"{_server.Count("ok")} requests served");
        var leaving = cluster.Workers[1];
        var leftAt = Stopwatch.GetTimestamp();
        leaving.Signal("TERM");
        await leaving.WaitForExitAsync(TimeSpan.FromSeconds(60));
        Assert.Equal(0, leaving.ExitCode);

        await run.WaitForExitAsync(RunTimeout);
        log.WriteLine(cluster.AllOutput);
        Assert.Equal(0, run.ExitCode);

        // Whole seconds from the leave to the run's last full second: the load missing (below the planned 100/s)
        // must add up to less than 2 s of the leaving worker's half.
        var arrivals = _server.Arrivals("ok");
        var perSecond = arrivals.Where(t => t >= leftAt).GroupBy(t => (int)Seconds(leftAt, t)).OrderBy(g => g.Key).Select(g => g.Count()).ToArray();
        var missing = perSecond.Take(Math.Max(0, perSecond.Length - 1)).Sum(n => Math.Max(0, 100 - n));
        log.WriteLine($"per second since the leave: {string.Join(" ", perSecond)}; missing {missing}");
        Assert.True(perSecond.Length >= 5, "the run ended too soon after the leave to judge the hand-off");
        Assert.True(missing < 100, $"{missing} requests missing after the leave (more than 2 s of the leaving worker's 50/s)");
        var summary = Summary.Load(json);
        Assert.Contains(summary["warnings"].EnumerateArray(), w => w.GetString()!.Contains("left the cluster", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Losing_a_regions_last_worker_aborts_the_run_when_the_file_says_so()
    {
        using var cluster = await TestCluster.StartAsync(log, _folder.Path, $"sqlite:{_folder.File("region.db")}", "us-east", "eu-west");
        var file = _folder.Write("region.yaml", RateScenario("us-east: 1, eu-west: 1", 40, "40s", "onRegionLost: abort"));
        var json = _folder.File("region.json");
        using var run = LoadGridProcess.Start(log, _folder.Path, serializeLocalMessages: false,
            "run", file, "--cluster", cluster.Control, "--summary-json", json, "--no-progress");

        await Eventually.HoldsAsync(() => _server.Count("ok") >= 160, TimeSpan.FromSeconds(60), () => $"{_server.Count("ok")} requests served");
        var euWorker = cluster.Workers[1];
        var euAddress = euWorker.NodeAddress;
        euWorker.Signal("KILL");

        await run.WaitForExitAsync(RunTimeout);
        log.WriteLine(cluster.AllOutput);
        Assert.True(File.Exists(json), $"no summary JSON; exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        var summary = Summary.Load(json);
        Assert.Equal(99, run.ExitCode);
        Assert.Equal("aborted", summary.String("status"));
        Assert.True(summary.Double("durationSeconds") < 35, $"the run went on for {summary.Double("durationSeconds"):0.0}s");
        Assert.Contains(summary["thresholds"].EnumerateArray(), t => t.GetProperty("metric").GetString() == "regions" && !t.GetProperty("passed").GetBoolean());
        Assert.Contains(summary["warnings"].EnumerateArray(), w => w.GetString()!.Contains(euAddress, StringComparison.Ordinal) && w.GetString()!.Contains("no worker left", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_coordinator_takes_the_run_over_when_the_first_is_killed()
    {
        using var cluster = await TestCluster.StartAsync(log, _folder.Path, $"sqlite:{_folder.File("takeover.db")}");
        await cluster.AddCoordinatorAsync();
        await cluster.AddWorkerAsync("local");
        var standby = cluster.StandbyCoordinators[0].Control;
        var file = _folder.Write("takeover.yaml", RateScenario("local: 1", 50, "45s"));
        var json = _folder.File("takeover.json");
        using var run = LoadGridProcess.Start(log, _folder.Path, serializeLocalMessages: false,
            "run", file, "--cluster", $"{cluster.Control},{standby}", "--summary-json", json, "--no-progress");

        await Eventually.HoldsAsync(() => _server.Count("ok") >= 300, TimeSpan.FromSeconds(60), () => $"{_server.Count("ok")} requests served");
        cluster.Coordinator.Signal("KILL");
        var killedAt = Stopwatch.GetTimestamp();

        await run.WaitForExitAsync(TimeSpan.FromMinutes(3));
        log.WriteLine(cluster.AllOutput);
        Assert.True(File.Exists(json), $"no summary JSON; exit {run.ExitCode}\n{run.Stdout}\n{run.Stderr}");
        var summary = Summary.Load(json);
        Assert.Equal(0, run.ExitCode);

        // The worker kept its load while the second coordinator took over, and re-sent what the first had merged.
        var arrivals = _server.Arrivals("ok");
        log.WriteLine("per second since the kill: " + string.Join(" ", arrivals.Where(t => t >= killedAt).GroupBy(t => (int)Seconds(killedAt, t)).Select(g => g.Count())));
        Assert.Equal(_server.Count("ok"), summary.Long("totals.requests"));
        Assert.InRange(_server.Count("ok"), 45 * 50 * 0.98, 45 * 50);
        Assert.Contains(summary["warnings"].EnumerateArray(), w => w.GetString()!.Contains("coordinator failed over", StringComparison.Ordinal));

        // The history on the surviving coordinator has the run with its summary.
        var runId = summary.String("runId");
        using var status = await LoadGridProcess.RunAsync(log, _folder.Path, TimeSpan.FromSeconds(60), "ctl", standby, "run", "status", runId, "--json");
        Assert.Equal(0, status.ExitCode);
        Assert.Contains("\"passed\"", status.Stdout);
    }
}
