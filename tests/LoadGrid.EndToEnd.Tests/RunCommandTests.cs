using LoadGrid.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests;

/// <summary><c>loadgrid run</c> through the real program against a real server on loopback.</summary>
[Collection(ProcessCollection.Name)]
public sealed class RunCommandTests(ITestOutputHelper log) : IAsyncLifetime
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

    private async Task<(LoadGridProcess Process, Summary Summary)> RunAsync(string yaml, params string[] extra)
    {
        var file = _folder.Write("scenario.yaml", yaml);
        var json = _folder.File("summary.json");
        using var process = await LoadGridProcess.RunAsync(log, _folder.Path, RunTimeout, SampleLogs.Environment(_folder.File("samples")),
            ["run", file, "--summary-json", json, "--no-progress", .. extra]);
        Assert.True(File.Exists(json), $"no summary JSON; exit {process.ExitCode}\n{process.Stdout}\n{process.Stderr}");
        return (process, Summary.Load(json));
    }

    [Fact]
    public async Task Percentiles_match_the_servers_truth_and_every_request_is_counted()
    {
        var (process, summary) = await RunAsync($"""
            name: accuracy
            baseUrl: {_server.BaseAddress}
            scenarios:
              mix:
                executor: constant-vus
                vus: 20
                duration: 12s
                flow:
                  - get: /mix?scale=10
            """);

        // 10× latencies (100 ms / 500 ms / 4 s): a CI machine's CPU contention adds a few ms to every request, which
        // must stay inside the 3 % + 1 ms checked below (at 10 ms it did not). 20 VUs in flight: a 100 ms stall of a
        // busy machine then touches under 2 % of the ~900 samples, too few to move a percentile out of its band.
        Assert.Equal(0, process.ExitCode);
        var served = _server.MixMilliseconds.Order().ToArray();
        Assert.True(served.Length > 600, $"only {served.Length} requests served");
        // Graceful stop lets in-flight requests finish, so every served request is reported.
        Assert.Equal(served.Length, summary.Long("totals.requests"));
        Assert.Equal(0, summary.Long("totals.failed"));
        PercentileChecks.AssertExactAndTrue(log, summary, SampleLogs.Milliseconds(_folder.File("samples"), summary.String("runId")), served);
        Assert.Equal(summary.Long("totals.requests"), Assert.Single(summary["steps"].EnumerateObject()).Value.GetProperty("requests").GetInt64());
        Assert.Equal(summary.Long("totals.requests"), summary.Long("regions.local.requests"));
        Assert.Equal(summary.Long("totals.requests"), summary.Long("scenarios.mix.requests"));
    }

    [Fact]
    public async Task Error_rate_of_a_five_percent_endpoint_is_reported_exactly()
    {
        var (process, summary) = await RunAsync($"""
            name: errors
            baseUrl: {_server.BaseAddress}
            scenarios:
              flaky:
                executor: constant-vus
                vus: 10
                duration: 3s
                flow:
                  - get: /flaky
                    name: flaky
            """);

        Assert.Equal(0, process.ExitCode);
        var requests = summary.Long("totals.requests");
        Assert.Equal(_server.Count("flaky"), requests);
        Assert.InRange(summary.Double("totals.errorRate"), 0.047, 0.053);
        Assert.Equal(summary.Long("totals.failed"), summary.Long("steps.flaky.statusCodes.500"));
        Assert.Equal(requests - summary.Long("totals.failed"), summary.Long("steps.flaky.statusCodes.200"));
    }

    [Fact]
    public async Task Per_vu_iterations_runs_exactly_vus_times_iterations_split_over_weighted_regions()
    {
        var (process, summary) = await RunAsync($$"""
            name: exact
            baseUrl: {{_server.BaseAddress}}
            regions: { us-east: 3, eu-west: 1 }
            scenarios:
              counted:
                executor: per-vu-iterations
                vus: 8
                iterations: 13
                flow:
                  - get: /ok
            """);

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(8 * 13, summary.Long("totals.requests"));
        Assert.Equal(8 * 13, summary.Long("totals.iterations"));
        Assert.Equal(8 * 13, _server.Count("ok"));
        Assert.Equal(6 * 13, summary.Long("regions.us-east.requests"));
        Assert.Equal(2 * 13, summary.Long("regions.eu-west.requests"));
    }

    [Fact]
    public async Task Extracted_token_is_templated_into_the_next_request()
    {
        var (process, summary) = await RunAsync($$"""
            name: login-flow
            baseUrl: {{_server.BaseAddress}}
            scenarios:
              shop:
                executor: shared-iterations
                vus: 4
                iterations: 40
                flow:
                  - post: /login
                    name: login
                    json: { user: "user-${vu}", password: secret }
                    extract: { token: "$.token" }
                  - get: /cart
                    name: cart
                    headers: { Authorization: "Bearer ${token}" }
                    check: { status: 200 }
            thresholds:
              checks: [ "rate==1" ]
            """);

        Assert.Equal(0, process.ExitCode);
        Assert.Equal(40, _server.Count("login"));
        Assert.Equal(40, _server.Count("cart-authorized"));
        Assert.Equal(0, _server.Count("cart-unauthorized"));
        Assert.Equal(40, summary.Long("totals.checksPassed"));
        Assert.Equal(0, summary.Long("totals.checksFailed"));
    }

    [Fact]
    public async Task A_failing_threshold_exits_99_and_is_reported()
    {
        var (process, summary) = await RunAsync($"""
            name: thresholds
            baseUrl: {_server.BaseAddress}
            scenarios:
              flaky:
                executor: per-vu-iterations
                vus: 4
                iterations: 25
                flow:
                  - get: /flaky
            thresholds:
              http_req_failed: [ "rate<0.01" ]
              http_req_duration: [ "p(95)<5000" ]
            """);

        Assert.Equal(99, process.ExitCode);
        Assert.Equal("failed", summary.String("status"));
        var thresholds = summary["thresholds"].EnumerateArray().ToArray();
        Assert.Contains(thresholds, t => t.GetProperty("metric").GetString() == "http_req_failed" && !t.GetProperty("passed").GetBoolean());
        Assert.Contains(thresholds, t => t.GetProperty("metric").GetString() == "http_req_duration" && t.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task LOADGRID_MAX_CONNECTIONS_caps_the_sockets_and_the_other_vus_wait_for_one()
    {
        var file = _folder.Write("capped.yaml", $"""
            name: capped
            baseUrl: {_server.BaseAddress}
            scenarios:
              crowd:
                executor: constant-vus
                vus: 12
                duration: 3s
                flow:
                  - get: /connection
                    name: connection
                    check:
                      status: 200
            """);
        var json = _folder.File("capped.json");
        var environment = new Dictionary<string, string>(SampleLogs.Environment(_folder.File("samples"))) { ["LOADGRID_MAX_CONNECTIONS"] = "3" };
        using var process = await LoadGridProcess.RunAsync(log, _folder.Path, RunTimeout, environment, ["run", file, "--summary-json", json, "--no-progress"]);

        Assert.Equal(0, process.ExitCode);
        var summary = Summary.Load(json);
        // 12 VUs on 3 sockets of 20 ms requests: about 150/s, where 12 sockets would have carried about 600/s.
        Assert.InRange(summary.Long("totals.requests"), 100, 3 * 3 * 55);
        Assert.Equal(0, summary.Long("totals.failed"));
        Assert.Equal(summary.Long("totals.requests"), _server.Count("connection"));
        Assert.Equal(3, _server.ConnectionsSeen);
        Assert.Equal(3, _server.MostConnectionRequestsAtOnce);
    }

    [Fact]
    public async Task A_bad_LOADGRID_MAX_CONNECTIONS_is_named()
    {
        var file = _folder.Write("scenario.yaml", $"""
            name: bad-cap
            baseUrl: {_server.BaseAddress}
            scenarios:
              one:
                executor: per-vu-iterations
                vus: 1
                iterations: 1
                flow:
                  - get: /ok
            """);
        using var process = await LoadGridProcess.RunAsync(log, _folder.Path, RunTimeout,
            new Dictionary<string, string> { ["LOADGRID_MAX_CONNECTIONS"] = "lots" }, ["run", file, "--no-progress"]);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("LOADGRID_MAX_CONNECTIONS=lots: expected a whole number of sockets", process.Stderr);
        Assert.Equal(0, _server.Count("ok"));
    }

    [Fact]
    public async Task An_unreachable_target_is_counted_as_errors_not_a_crash()
    {
        var port = FreePort.Take(); // bound and released: nothing listens there
        var (process, summary) = await RunAsync($"""
            name: refused
            baseUrl: http://127.0.0.1:{port}
            scenarios:
              nobody:
                executor: per-vu-iterations
                vus: 2
                iterations: 5
                flow:
                  - get: /anything
                    name: nothing
            thresholds:
              http_req_failed: [ "rate<0.5" ]
            """);

        Assert.Equal(99, process.ExitCode);
        Assert.Equal(10, summary.Long("totals.requests"));
        Assert.Equal(10, summary.Long("totals.failed"));
        Assert.Equal(10, summary.Long("steps.nothing.errors.connectionRefused"));
    }

    [Fact]
    public async Task Ctrl_c_stops_gracefully_and_still_writes_the_summary()
    {
        var file = _folder.Write("long.yaml", $"""
            name: interrupted
            baseUrl: {_server.BaseAddress}
            scenarios:
              long:
                executor: constant-vus
                vus: 5
                duration: 5m
                gracefulStop: 5s
                flow:
                  - get: /ok
                  - think: 50ms
            """);
        var json = _folder.File("interrupted.json");
        using var process = LoadGridProcess.Start(log, _folder.Path, "run", file, "--summary-json", json, "--no-progress");
        await process.WaitForOutputAsync("vus=", TimeSpan.FromSeconds(60));

        process.Signal("INT");
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, process.ExitCode);
        var summary = Summary.Load(json);
        Assert.True(summary.Long("totals.requests") > 0);
        Assert.True(summary.Double("durationSeconds") < 60, $"ran {summary.Double("durationSeconds")} s after Ctrl+C");
        Assert.Contains(summary["warnings"].EnumerateArray(), w => w.GetString()!.Contains("stopped", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_second_ctrl_c_aborts_at_once()
    {
        var file = _folder.Write("stuck.yaml", $"""
            name: aborted
            baseUrl: {_server.BaseAddress}
            scenarios:
              stuck:
                executor: constant-vus
                vus: 3
                duration: 5m
                gracefulStop: 2m
                flow:
                  - get: /ok
                  - think: 10m
            """);
        var json = _folder.File("aborted.json");
        using var process = LoadGridProcess.Start(log, _folder.Path, "run", file, "--summary-json", json, "--no-progress");
        // Every VU is in its 10-minute think time once the three requests are counted (a progress line every 5 s).
        await process.WaitForOutputAsync("reqs=3", TimeSpan.FromSeconds(60));

        process.Signal("INT");
        await process.WaitForOutputAsync("stopping gracefully", TimeSpan.FromSeconds(10));
        process.Signal("INT");
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30)); // far below the 2 m gracefulStop the first press waits for

        Assert.Equal(1, process.ExitCode);
        var summary = Summary.Load(json);
        Assert.Equal("aborted", summary.String("status"));
        Assert.Equal(3, summary.Long("totals.requests"));
    }
}
