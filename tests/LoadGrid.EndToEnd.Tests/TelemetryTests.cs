using System.Text.RegularExpressions;
using LoadGrid.EndToEnd.Tests.Infrastructure;
using Xunit.Abstractions;

namespace LoadGrid.EndToEnd.Tests;

/// <summary>
/// Telemetry of a real <c>loadgrid run</c>: the Prometheus endpoint's figures equal the summary's, OTLP/HTTP export
/// reaches a receiver, and the target sees a traceparent exactly when tracing is on, in both HTTP transports.
/// </summary>
[Collection(ProcessCollection.Name)]
public sealed partial class TelemetryTests(ITestOutputHelper log) : IAsyncLifetime
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

    [Fact]
    public async Task The_metrics_endpoint_serves_per_step_and_region_series_that_match_the_summary()
    {
        var file = _folder.Write("scenario.yaml", $"""
            name: scraped
            baseUrl: {_server.BaseAddress}
            regions: {"{"} us-east: 1, eu-west: 1 {"}"}
            scenarios:
              browse:
                executor: constant-vus
                vus: 4
                duration: 4s
                flow:
                  - get: /ok
                    name: home
                    check: {"{"} status: 200 {"}"}
                  - get: /flaky
                    name: flaky
                  - think: 50ms
            """);
        var json = _folder.File("summary.json");
        var port = FreePort.Take();
        // Lingers far longer than the test needs: the test scrapes as soon as the run has ended, then stops it.
        using var process = LoadGridProcess.Start(log, _folder.Path, "run", file, "--summary-json", json, "--no-progress",
            "--metrics-port", port.ToString(), "--metrics-linger", "2m");
        await process.WaitForOutputAsync("(--metrics-linger)", RunTimeout);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");
        var samples = PrometheusText.Parse(text);
        var summary = Summary.Load(json);
        var run = summary.String("runId");

        Assert.All(samples.Where(s => s.Name.StartsWith("loadgrid_requests", StringComparison.Ordinal)), s => Assert.Equal(run, s.Labels["run"]));
        foreach (var step in new[] { "home", "flaky" })
        {
            Assert.True(summary.Long($"steps.{step}.requests") > 0);
            Assert.Equal(summary.Long($"steps.{step}.requests"), samples.Sum("loadgrid_requests_total", ("step", step)));
            Assert.Equal(summary.Long($"steps.{step}.failed"), samples.Sum("loadgrid_requests_failed_total", ("step", step)));
            Assert.Equal(summary.Long($"steps.{step}.requests"), samples.Sum("loadgrid_request_duration_seconds_count", ("step", step)));
        }
        foreach (var region in new[] { "us-east", "eu-west" })
        {
            Assert.True(summary.Long($"regions.{region}.requests") > 0);
            Assert.Equal(summary.Long($"regions.{region}.requests"), samples.Sum("loadgrid_requests_total", ("region", region)));
        }
        Assert.True(summary.Long("steps.flaky.statusCodes.500") > 0);
        Assert.Equal(summary.Long("steps.flaky.statusCodes.500"), samples.Sum("loadgrid_requests_total", ("step", "flaky"), ("status_class", "5xx")));
        Assert.Equal(summary.Long("totals.requests"), samples.Sum("loadgrid_requests_total"));
        Assert.Equal(summary.Long("totals.iterations"), samples.Sum("loadgrid_iterations_total", ("scenario", "browse")));
        Assert.Equal(summary.Long("totals.checksPassed"), samples.Sum("loadgrid_checks_total", ("result", "passed")));
        // The latency histogram's +Inf bucket holds every sample; the 60 s bucket too (no request took longer).
        Assert.Equal(summary.Long("totals.requests"), samples.Sum("loadgrid_request_duration_seconds_bucket", ("le", "+Inf")));
        Assert.Equal(summary.Long("totals.requests"), samples.Sum("loadgrid_request_duration_seconds_bucket", ("le", "60")));
    }

    [Fact]
    public async Task Cluster_workers_serve_their_regions_share_and_the_clusters_health()
    {
        using var cluster = await TestCluster.StartAsync(log, _folder.Path, $"sqlite:{_folder.File("cluster.db")}");
        var ports = new Dictionary<string, int> { ["us-east"] = FreePort.Take(), ["eu-west"] = FreePort.Take() };
        foreach (var (region, port) in ports)
            await cluster.AddWorkerAsync(region, new Dictionary<string, string> { ["LOADGRID_METRICS_PORT"] = port.ToString() });
        var file = _folder.Write("cluster.yaml", $"""
            name: cluster-scraped
            baseUrl: {_server.BaseAddress}
            regions: {"{"} us-east: 1, eu-west: 1 {"}"}
            scenarios:
              browse:
                executor: constant-arrival-rate
                rate: 20
                timeUnit: 1s
                duration: 3s
                preAllocatedVUs: 4
                flow:
                  - get: /ok
                    name: home
            """);
        var json = _folder.File("cluster.json");
        using var run = await LoadGridProcess.RunAsync(log, _folder.Path, RunTimeout, "run", file, "--cluster", cluster.Control, "--summary-json", json, "--no-progress");
        Assert.Equal(0, run.ExitCode);
        var summary = Summary.Load(json);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        foreach (var (region, port) in ports)
        {
            var samples = PrometheusText.Parse(await http.GetStringAsync($"http://127.0.0.1:{port}/metrics"));
            var requests = samples.Where(s => s.Name == "loadgrid_requests_total" && s.Labels["run"] == summary.String("runId")).ToArray();
            // Each worker exports its own region's share, and only that.
            Assert.All(requests, s => Assert.Equal(region, s.Labels["region"]));
            Assert.Equal(summary.Long($"regions.{region}.requests"), requests.Sum(s => s.Value));
            Assert.Equal(3, samples.Sum("loadgrid_cluster_members", ("status", "up")));
            Assert.Equal(0, samples.Sum("loadgrid_cluster_unreachable"));
        }
    }

    [Fact]
    public async Task Ctrl_c_ends_the_metrics_linger_and_the_run_keeps_its_exit_code()
    {
        var file = _folder.Write("scenario.yaml", $"""
            name: lingering
            baseUrl: {_server.BaseAddress}
            scenarios:
              browse:
                executor: per-vu-iterations
                vus: 1
                iterations: 3
                flow:
                  - get: /ok
            thresholds:
              http_req_duration: [ "p(95)<0" ]
            """);
        var port = FreePort.Take();
        using var process = LoadGridProcess.Start(log, _folder.Path, "run", file, "--no-progress",
            "--metrics-port", port.ToString(), "--metrics-linger", "10m");
        await process.WaitForOutputAsync("(--metrics-linger)", RunTimeout);

        process.Signal("INT");
        await process.WaitForExitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(99, process.ExitCode);
        Assert.Contains("linger ended early", process.Stdout);
    }

    [Fact]
    public async Task Metrics_and_traces_reach_an_otlp_http_receiver()
    {
        await using var receiver = await OtlpReceiver.StartAsync();
        var file = _folder.Write("scenario.yaml", $"""
            name: exported
            baseUrl: {_server.BaseAddress}
            scenarios:
              browse:
                executor: constant-vus
                vus: 2
                duration: 3s
                flow:
                  - get: /ok
                    name: home
                  - think: 100ms
            """);
        var environment = new Dictionary<string, string>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.BaseAddress.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "1000",
            ["OTEL_SERVICE_NAME"] = "loadgrid-e2e",
        };
        using var process = LoadGridProcess.Start(log, _folder.Path, serializeLocalMessages: false, environment,
            "run", file, "--no-progress", "--trace-sample", "1");

        // Exported every second while the run lasts, not only at exit.
        await Eventually.HoldsAsync(() => receiver.Received("/v1/metrics", "loadgrid.requests"), RunTimeout,
            () => $"no /v1/metrics POST with loadgrid.requests; posts: {string.Join(", ", receiver.Posts.Select(p => p.Path))}\n{process.Stdout}\n{process.Stderr}");
        await process.WaitForExitAsync(RunTimeout);

        Assert.Equal(0, process.ExitCode);
        Assert.True(receiver.Received("/v1/metrics", "loadgrid.request.duration"));
        Assert.True(receiver.Received("/v1/metrics", "loadgrid-e2e"), "the service name from OTEL_SERVICE_NAME is not in the export");
        Assert.True(receiver.Received("/v1/traces", "iteration browse"), "no iteration span exported");
        Assert.True(receiver.Received("/v1/traces", "home"), "no request span exported");
    }

    [Theory]
    [InlineData("sockets", true)]
    [InlineData("sockets", false)]
    [InlineData("lean", true)]
    [InlineData("lean", false)]
    public async Task The_target_gets_a_valid_traceparent_only_when_tracing_is_on(string transport, bool traced)
    {
        var file = _folder.Write("scenario.yaml", $"""
            name: traced
            baseUrl: {_server.BaseAddress}
            scenarios:
              browse:
                executor: per-vu-iterations
                vus: 2
                iterations: 10
                flow:
                  - get: /traced
            """);
        var json = _folder.File("summary.json");
        string[] args = traced ? ["--trace-sample", "1"] : [];
        using var process = await LoadGridProcess.RunAsync(log, _folder.Path, RunTimeout,
            new Dictionary<string, string> { ["LOADGRID_HTTP_TRANSPORT"] = transport },
            ["run", file, "--summary-json", json, "--no-progress", .. args]);

        Assert.Equal(0, process.ExitCode);
        var headers = _server.TraceParents;
        Assert.Equal(20, headers.Count);
        if (traced)
        {
            Assert.All(headers, h => Assert.True(TraceParent().IsMatch(h), $"not a valid traceparent: '{h}'"));
            // One request per iteration, each iteration its own trace.
            Assert.Equal(20, headers.Select(h => h.Split('-')[1]).Distinct().Count());
        }
        else
        {
            Assert.All(headers, h => Assert.Equal("", h));
        }
    }

    [Theory]
    [InlineData("--metrics-port", "abc", "--metrics-port 'abc'")]
    [InlineData("--metrics-port", "70000", "--metrics-port '70000'")]
    [InlineData("--metrics-host", "not-an-address", "--metrics-host 'not-an-address'")]
    [InlineData("--trace-sample", "1.5", "--trace-sample '1.5'")]
    [InlineData("--trace-sample", "often", "--trace-sample 'often'")]
    [InlineData("--metrics-linger", "soon", "--metrics-linger 'soon'")]
    public async Task A_bad_telemetry_option_is_a_usage_error(string option, string value, string message)
    {
        var file = _folder.Write("scenario.yaml", $"""
            name: bad
            baseUrl: {_server.BaseAddress}
            scenarios:
              browse:
                executor: constant-vus
                vus: 1
                duration: 1s
                flow:
                  - get: /ok
            """);
        string[] extra = option == "--metrics-host" ? ["--metrics-port", FreePort.Take().ToString()] : [];
        using var process = await LoadGridProcess.RunAsync(log, _folder.Path, RunTimeout, ["run", file, "--no-progress", option, value, .. extra]);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains(message, process.Stderr);
        Assert.Equal(0, _server.Count("ok"));
    }

    [Fact]
    public async Task A_node_with_a_bad_metrics_port_in_its_environment_says_so()
    {
        using var process = await LoadGridProcess.RunAsync(log, _folder.Path, RunTimeout,
            new Dictionary<string, string> { ["LOADGRID_METRICS_PORT"] = "ninety" },
            ["node", "--role", "coordinator", "--port", "0", "--control-port", "0"]);

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("--metrics-port 'ninety'", process.Stderr);
    }

    [GeneratedRegex("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$")]
    private static partial Regex TraceParent();
}
