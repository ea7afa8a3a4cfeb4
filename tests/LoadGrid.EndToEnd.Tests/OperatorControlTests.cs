using System.Diagnostics;
using System.Text.Json;
using LoadGrid.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests;

/// <summary>
/// <c>loadgrid ctl</c> against a real cluster, as an operator steers a run: start, list, scale (the target sees the
/// new rate within 2 s), pause and resume, stop (no more requests 2 s later), node list and cluster show.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed class OperatorControlTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly TimeSpan CtlTimeout = TimeSpan.FromSeconds(60);
    private readonly TempFolder _folder = new();
    private KnownTargetServer _server = null!;

    public async Task InitializeAsync() => _server = await KnownTargetServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<LoadGridProcess> CtlAsync(TestCluster cluster, params string[] words)
    {
        var process = await LoadGridProcess.RunAsync(log, _folder.Path, CtlTimeout, ["ctl", cluster.Control, .. words]);
        log.WriteLine($"$ loadgrid ctl {string.Join(' ', words)} → {process.ExitCode}\n{process.Stdout}{process.Stderr}");
        return process;
    }

    /// <summary>Requests the target answered in [from, from + seconds) (Stopwatch timestamps).</summary>
    private int ServedBetween(long from, double seconds)
    {
        var to = from + (long)(seconds * Stopwatch.Frequency);
        return _server.Arrivals("ok").Count(t => t >= from && t < to);
    }

    private static long After(long timestamp, double seconds) => timestamp + (long)(seconds * Stopwatch.Frequency);

    private static async Task UntilAsync(long timestamp)
    {
        var wait = TimeSpan.FromSeconds((timestamp - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
        if (wait > TimeSpan.Zero) await Task.Delay(wait);
    }

    [Fact]
    public async Task An_operator_starts_scales_pauses_resumes_and_stops_a_run_with_ctl()
    {
        using var cluster = await TestCluster.StartAsync(log, _folder.Path, $"sqlite:{_folder.File("ctl.db")}", "us-east", "eu-west");
        try
        {
            var file = _folder.Write("live.yaml", $$"""
                name: live
                baseUrl: {{_server.BaseAddress}}
                regions: { us-east: 3, eu-west: 1 }
                scenarios:
                  arrivals:
                    executor: constant-arrival-rate
                    rate: 20
                    duration: 90s
                    preAllocatedVUs: 10
                    maxVUs: 100
                    flow:
                      - get: /ok
                """);

            using var start = await CtlAsync(cluster, "run", "start", file);
            Assert.Equal(0, start.ExitCode);
            var runId = System.Text.RegularExpressions.Regex.Match(start.Stdout, @"run (\S+) started").Groups[1].Value;
            Assert.NotEmpty(runId);

            using var list = await CtlAsync(cluster, "run", "list");
            Assert.Contains(runId, list.Stdout);
            Assert.Contains("running", list.Stdout);

            await Eventually.HoldsAsync(() => _server.Count("ok") >= 60, TimeSpan.FromSeconds(60), () => $"{_server.Count("ok")} requests served");

            // Twice the rate: the target sees 40/s from 2 s after the command returned.
            using (var scale = await CtlAsync(cluster, "run", "scale", runId, "--factor", "2"))
            {
                Assert.Equal(0, scale.ExitCode);
                Assert.Contains("scaled ×2", scale.Stdout);
            }
            var scaledAt = Stopwatch.GetTimestamp();
            await UntilAsync(After(scaledAt, 5));
            var atDouble = ServedBetween(After(scaledAt, 2), 3);
            log.WriteLine($"served in the 3 s from 2 s after scale ×2: {atDouble}");
            Assert.InRange(atDouble, 105, 135); // 120 at 40/s

            // Paused: nothing from 1.5 s after the command; resumed: 40/s again.
            using (var pause = await CtlAsync(cluster, "run", "pause", runId))
                Assert.Equal(0, pause.ExitCode);
            var pausedAt = Stopwatch.GetTimestamp();
            await UntilAsync(After(pausedAt, 4));
            Assert.Equal(0, ServedBetween(After(pausedAt, 1.5), 2.5));
            using (var again = await CtlAsync(cluster, "run", "pause", runId))
            {
                Assert.Equal(2, again.ExitCode);
                Assert.Contains("already paused", again.Stderr);
            }
            using (var resume = await CtlAsync(cluster, "run", "resume", runId))
                Assert.Equal(0, resume.ExitCode);
            var resumedAt = Stopwatch.GetTimestamp();
            await UntilAsync(After(resumedAt, 4));
            Assert.InRange(ServedBetween(After(resumedAt, 2), 2), 68, 92); // 80 at 40/s

            using (var nodes = await CtlAsync(cluster, "node", "list"))
            {
                Assert.Equal(0, nodes.ExitCode);
                foreach (var worker in cluster.Workers) Assert.Contains(worker.NodeAddress, nodes.Stdout);
                Assert.Contains("us-east", nodes.Stdout);
                Assert.Contains("MiB", nodes.Stdout);
            }
            using (var show = await CtlAsync(cluster, "cluster", "show"))
            {
                Assert.Contains(cluster.Coordinator.NodeAddress, show.Stdout);
                foreach (var worker in cluster.Workers) Assert.Contains(worker.NodeAddress, show.Stdout);
            }
            using (var shards = await CtlAsync(cluster, "cluster-sharding", "region-stats", "-r", "eu-west"))
            {
                Assert.Equal(0, shards.ExitCode);
                Assert.Contains(cluster.Workers[1].NodeAddress, shards.Stdout);
                Assert.Contains($"{runId}/0: 1", shards.Stdout);
            }

            // Stopped: the target sees no request from 2 s after the command on.
            using (var stop = await CtlAsync(cluster, "run", "stop", runId))
                Assert.Equal(0, stop.ExitCode);
            var stoppedAt = Stopwatch.GetTimestamp();
            await UntilAsync(After(stoppedAt, 5));
            Assert.Equal(0, ServedBetween(After(stoppedAt, 2), 3));

            using var watch = await CtlAsync(cluster, "run", "watch", runId);
            Assert.Equal(0, watch.ExitCode);
            using var status = await CtlAsync(cluster, "run", "status", runId, "--json");
            using var details = JsonDocument.Parse(status.Stdout);
            var events = details.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetString()!).ToArray();
            Assert.Contains(events, e => e.Contains("×2 of the plan", StringComparison.Ordinal) && e.Contains("by ", StringComparison.Ordinal));
            Assert.Contains(events, e => e.Contains("×0 of the plan", StringComparison.Ordinal));
            Assert.Contains(events, e => e.Contains("stop requested", StringComparison.Ordinal));
            var result = JsonDocument.Parse(details.RootElement.GetProperty("resultJson").GetString()!);
            var requests = result.RootElement.GetProperty("summary").GetProperty("totals").GetProperty("requests").GetInt64();
            Assert.Equal(_server.Count("ok"), requests);
        }
        catch
        {
            log.WriteLine(cluster.AllOutput);
            throw;
        }
    }

    [Fact]
    public async Task Ctrl_C_on_run_cluster_stops_the_load_within_two_seconds_and_abort_stops_it_at_once()
    {
        using var cluster = await TestCluster.StartAsync(log, _folder.Path, $"sqlite:{_folder.File("stop.db")}", "local", "local");
        try
        {
            var yaml = $$"""
                name: stops
                baseUrl: {{_server.BaseAddress}}
                scenarios:
                  arrivals:
                    executor: constant-arrival-rate
                    rate: 50
                    duration: 60s
                    preAllocatedVUs: 10
                    maxVUs: 100
                    flow:
                      - get: /ok
                """;
            var file = _folder.Write("stops.yaml", yaml);
            var json = _folder.File("stops.json");

            // Ctrl+C in the client: the client asks the cluster to stop, prints the summary and exits.
            using (var run = LoadGridProcess.Start(log, _folder.Path, "run", file, "--cluster", cluster.Control, "--summary-json", json, "--no-progress"))
            {
                await Eventually.HoldsAsync(() => _server.Count("ok") >= 100, TimeSpan.FromSeconds(60), () => $"{_server.Count("ok")} requests served");
                run.Signal("INT");
                var interruptedAt = Stopwatch.GetTimestamp();
                await run.WaitForExitAsync(TimeSpan.FromSeconds(60));
                await UntilAsync(After(interruptedAt, 4));
                Assert.Equal(0, ServedBetween(After(interruptedAt, 2), 2));
                Assert.Equal(0, run.ExitCode);
                var summary = Summary.Load(json);
                Assert.Equal(_server.Count("ok"), summary.Long("totals.requests"));
                Assert.Contains(summary["warnings"].EnumerateArray(), w => w.GetString()!.Contains("stopped", StringComparison.Ordinal));
            }

            // run abort: in-flight requests are cancelled, nothing starts from 1 s on.
            using var start = await CtlAsync(cluster, "run", "start", file);
            var runId = System.Text.RegularExpressions.Regex.Match(start.Stdout, @"run (\S+) started").Groups[1].Value;
            var before = _server.Count("ok");
            await Eventually.HoldsAsync(() => _server.Count("ok") >= before + 100, TimeSpan.FromSeconds(60), () => $"{_server.Count("ok") - before} requests served");
            using (var abort = await CtlAsync(cluster, "run", "abort", runId))
                Assert.Equal(0, abort.ExitCode);
            var abortedAt = Stopwatch.GetTimestamp();
            await UntilAsync(After(abortedAt, 3));
            Assert.Equal(0, ServedBetween(After(abortedAt, 1), 2));
            using var watch = await CtlAsync(cluster, "run", "watch", runId, "--json");
            Assert.Contains("\"aborted\"", watch.Stdout);
        }
        catch
        {
            log.WriteLine(cluster.AllOutput);
            throw;
        }
    }

    [Fact]
    public async Task Bad_commands_get_a_clear_message_and_exit_code_2()
    {
        using var cluster = await TestCluster.StartAsync(log, _folder.Path, $"sqlite:{_folder.File("bad.db")}");
        using (var unknown = await CtlAsync(cluster, "run", "lst"))
        {
            Assert.Equal(2, unknown.ExitCode);
            Assert.Contains("unknown command 'run lst' (did you mean 'list'?)", unknown.Stderr);
        }
        using (var badNumber = await CtlAsync(cluster, "run", "scale", "x", "--factor", "fast"))
        {
            Assert.Equal(2, badNumber.ExitCode);
            Assert.Contains("factor must be a number, not 'fast'", badNumber.Stderr);
        }
        using (var notRunning = await CtlAsync(cluster, "run", "pause", "20990101-000000-000000"))
        {
            Assert.Equal(2, notRunning.ExitCode);
            Assert.Contains("is not running", notRunning.Stderr);
        }
        using (var help = await CtlAsync(cluster, "help", "run", "scale"))
        {
            Assert.Equal(0, help.ExitCode);
            Assert.Contains("run scale ID [--factor FACTOR]", help.Stdout);
        }
    }
}
