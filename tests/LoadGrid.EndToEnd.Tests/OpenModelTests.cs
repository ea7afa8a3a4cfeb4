using LoadGrid.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests;

/// <summary>Arrival-rate executors through the real program: exact rates, dropped iterations, no coordinated omission.</summary>
[Collection(ProcessCollection.Name)]
public sealed class OpenModelTests(ITestOutputHelper log) : IAsyncLifetime
{
    private readonly TempFolder _folder = new();
    private KnownTargetServer _server = null!;

    public async Task InitializeAsync() => _server = await KnownTargetServer.StartAsync();

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _folder.Dispose();
    }

    private async Task<(int ExitCode, Summary Summary)> RunAsync(string yaml)
    {
        var file = _folder.Write("open.yaml", yaml);
        var json = _folder.File("open.json");
        using var process = await LoadGridProcess.RunAsync(log, _folder.Path, TimeSpan.FromMinutes(2), "run", file, "--summary-json", json, "--no-progress");
        Assert.True(File.Exists(json), "no summary JSON written");
        return (process.ExitCode, Summary.Load(json));
    }

    [Fact]
    public async Task A_constant_rate_over_two_regions_starts_exactly_rate_times_duration_iterations()
    {
        var (exit, summary) = await RunAsync($$"""
            name: rate
            baseUrl: {{_server.BaseAddress}}
            regions: { a: 2, b: 1 }
            scenarios:
              arrivals:
                executor: constant-arrival-rate
                rate: 30
                timeUnit: 1s
                duration: 4s
                preAllocatedVUs: 6
                maxVUs: 30
                flow:
                  - get: /ok
            """);

        Assert.Equal(0, exit);
        Assert.Equal(120, summary.Long("totals.iterations"));
        Assert.Equal(0, summary.Long("totals.droppedIterations"));
        Assert.Equal(120, _server.Count("ok"));
        Assert.Equal(80, summary.Long("regions.a.requests"));
        Assert.Equal(40, summary.Long("regions.b.requests"));
    }

    [Fact]
    public async Task Iterations_that_find_every_vu_busy_are_dropped_and_counted()
    {
        var (_, summary) = await RunAsync($$"""
            name: dropped
            baseUrl: {{_server.BaseAddress}}
            scenarios:
              overload:
                executor: constant-arrival-rate
                rate: 40
                duration: 3s
                preAllocatedVUs: 2
                maxVUs: 2
                flow:
                  - get: /slow
            """);

        var iterations = summary.Long("totals.iterations");
        var dropped = summary.Long("totals.droppedIterations");
        Assert.Equal(120, iterations + dropped);
        // 2 VUs × at most 5 iterations/s of 200 ms, over 3 s; fewer when the first requests pay for JIT and connections.
        Assert.InRange(iterations, 10, 32);
        Assert.Equal(_server.Count("slow"), iterations);
    }

    [Fact]
    public async Task A_stalled_target_shows_in_the_percentiles()
    {
        var (_, summary) = await RunAsync($$"""
            name: stall
            baseUrl: {{_server.BaseAddress}}
            scenarios:
              arrivals:
                executor: constant-arrival-rate
                rate: 50
                duration: 5s
                preAllocatedVUs: 10
                maxVUs: 200
                flow:
                  - get: /stall
            """);

        var served = _server.StallMilliseconds.Order().ToArray();
        Assert.Equal(250, served.Length);
        Assert.Equal(250, summary.Long("totals.requests"));
        Assert.Equal(0, summary.Long("totals.droppedIterations"));
        // About a fifth of the requests arrive during the one-second stall and wait for its end. The server's
        // clock starts when a request arrives, so it cannot see time a request spent before that (new connections
        // opened in the burst): LoadGrid may report more than the server, never less (that would hide the stall).
        // That extra time was mostly this process's starved thread pool (see TestProcessThreadPool); with it raised,
        // p99 comes out within a few ms of the server's even with one core kept busy by another process.
        foreach (var (name, percentile) in new[] { ("p90", 90.0), ("p99", 99.0) })
        {
            var truth = served[(int)Math.Ceiling(percentile / 100 * served.Length) - 1];
            var reported = summary.Double($"totals.latencyMs.{name}");
            Assert.True(reported >= 0.97 * truth && reported <= truth + 600, $"{name}: reported {reported:0.#} ms, server truth {truth:0.#} ms");
        }
        Assert.True(summary.Double("totals.latencyMs.p99") > 800, "the stall must be visible in p99");
        Assert.True(summary.Double("totals.latencyMs.p50") < 50, "most requests were not stalled");
    }

    [Theory]
    [InlineData("rate: 300\n    duration: 10s", 3000, 0.005)]
    [InlineData("startRate: 0\n    stages: [ { duration: 10s, target: 200 } ]", 1000, 0.01)]
    [InlineData("rate: 0.5\n    duration: 10s", 5, 0)]
    public async Task Rates_come_out_exact_at_the_server(string settings, int expected, double tolerance)
    {
        var executor = settings.StartsWith("rate", StringComparison.Ordinal) ? "constant-arrival-rate" : "ramping-arrival-rate";
        var (exit, summary) = await RunAsync($$"""
            name: rates
            baseUrl: {{_server.BaseAddress}}
            scenarios:
              arrivals:
                executor: {{executor}}
                {{settings}}
                preAllocatedVUs: 50
                maxVUs: 400
                flow:
                  - get: /ok
            """);

        Assert.Equal(0, exit);
        Assert.InRange(_server.Count("ok"), expected * (1 - tolerance), expected * (1 + tolerance));
        Assert.Equal(_server.Count("ok"), summary.Long("totals.requests"));
        Assert.Equal(0, summary.Long("totals.droppedIterations"));
    }

    [Fact]
    public async Task A_target_frozen_two_seconds_in_ten_shows_its_freeze_without_coordinated_omission()
    {
        var (_, summary) = await RunAsync($$"""
            name: freeze
            baseUrl: {{_server.BaseAddress}}
            scenarios:
              arrivals:
                executor: constant-arrival-rate
                rate: 50
                duration: 10s
                preAllocatedVUs: 20
                maxVUs: 300
                flow:
                  - get: /freeze
            """);

        Assert.Equal(500, summary.Long("totals.requests"));
        Assert.Equal(0, summary.Long("totals.droppedIterations"));
        // A fifth of the requests fall into the 2 s freeze and wait 0..2 s: p90 ≈ 1 s and p99 ≈ 1.9 s, p50 tiny (2–3 ms
        // here; 5.4 ms once on a busy CI machine, so the bound is what separates it from the freeze, not a speed).
        Assert.True(summary.Double("totals.latencyMs.p50") <= 50, $"p50 {summary.Double("totals.latencyMs.p50")} ms");
        Assert.InRange(summary.Double("totals.latencyMs.p90"), 850, 1150);
        Assert.InRange(summary.Double("totals.latencyMs.p99"), 1710, 2090);
    }
}
