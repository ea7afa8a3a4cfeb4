using System.Diagnostics;
using LoadGrid.Core.Data;
using LoadGrid.Core.Metrics;
using LoadGrid.Core.Scenarios;

namespace LoadGrid.Http.Tests;

public sealed class FlowRunnerTests(TestTarget target) : IClassFixture<TestTarget>, IDisposable
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);
    private readonly HttpTransport _transport = new();
    private readonly RecordingSink _sink = new();

    public void Dispose() => _transport.Dispose();

    private FlowRunner Runner(string flow, string? baseUrl = null, IReadOnlyDictionary<string, Feeder>? feeders = null, string data = "")
    {
        var yaml = $"""
            name: t
            baseUrl: {baseUrl ?? target.BaseUrl}
            {data}
            scenarios:
              s:
                executor: constant-vus
                duration: 1s
                flow:
            {flow}
            """;
        var env = new Dictionary<string, string> { ["HOST"] = "x" };
        var loaded = ScenarioLoader.Parse(yaml, "/tmp/t.yaml", env, checkFiles: false);
        Assert.True(loaded.IsValid, string.Join("\n", loaded.Errors) + "\n" + yaml);
        var file = loaded.Scenario!;
        return new FlowRunner(file, file.Scenarios[0], "local", _transport, _sink, env, feeders ?? new Dictionary<string, Feeder>());
    }

    private static VirtualUserState Vu(int id = 1) => new(id, "s", "local", new Dictionary<string, string> { ["HOST"] = "x" });

    private static async Task<IterationOutcome> Run(FlowRunner runner, VirtualUserState vu, long scheduled = 0, CancellationToken cancellation = default) =>
        await runner.RunIterationAsync(vu, scheduled, cancellation).WaitAsync(TestTimeout);

    [Theory]
    [InlineData("/status/200", 200, false)]
    [InlineData("/status/302", 302, false)]
    [InlineData("/status/404", 404, true)]
    [InlineData("/status/503", 503, true)]
    public async Task Statuses_of_400_and_above_are_failed(string path, int status, bool failed)
    {
        var runner = Runner($"      - get: {path}\n        name: step");
        Assert.Equal(IterationOutcome.Completed, await Run(runner, Vu()));
        var request = Assert.Single(_sink.Requests);
        Assert.Equal((status, failed, TransportError.None), (request.Status, request.Failed, request.Error));
        Assert.Single(_sink.Iterations);
    }

    [Fact]
    public async Task A_status_check_makes_the_listed_statuses_the_successful_ones()
    {
        var runner = Runner("      - get: /status/404\n        check: { status: 404 }\n      - get: /status/200\n        check: { status: [404] }");
        await Run(runner, Vu());
        var requests = _sink.Requests.ToArray();
        Assert.False(requests[0].Failed);
        Assert.True(requests[1].Failed);
        Assert.Equal([true, false], _sink.Checks.Select(c => c.Passed));
    }

    [Fact]
    public async Task Body_and_json_checks_pass_and_fail_as_written()
    {
        var runner = Runner("""
                  - get: /item
                    check: { bodyContains: "lamp", json: { "$.id": 3, "$.name": "lamp", "$.price": 12.50, "$.tags[1]": "b", "$.active": true } }
                  - get: /item
                    check: { bodyContains: "chair", json: { "$.id": "3", "$.missing": 1 } }
            """);
        await Run(runner, Vu());
        Assert.Equal([true, true, true, true, true, true, false, false, false], _sink.Checks.Select(c => c.Passed));
    }

    [Fact]
    public async Task Extracted_values_feed_templates_of_later_steps_with_json_escaping()
    {
        var runner = Runner("""
                  - get: /item
                    extract: { product: "$.name", price: "$.price" }
                  - get: /text
                    extract: { order: 're:id=(\d+)' }
                  - post: /echo
                    json: { product: "${product}", price: "${price}", order: "${order}", who: "a \"quoted\" ${vu}" }
                    check: { json: { "$.product": "lamp", "$.order": "4711", "$.who": "a \"quoted\" 7" } }
            """);
        await Run(runner, Vu(7));
        Assert.All(_sink.Checks, c => Assert.True(c.Passed));
        Assert.Contains(target.ReceivedBodies, b => b.Contains("\"price\":\"12.5\"", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Headers_are_templated_from_env_and_builtins()
    {
        var runner = Runner("""
                  - get: /whoami
                    headers: { X-User: "${env.HOST}-${vu}-${scenario}" }
                    check: { bodyContains: "x-5-s" }
            """);
        await Run(runner, Vu(5));
        Assert.True(Assert.Single(_sink.Checks).Passed);
    }

    [Fact]
    public async Task Cookies_belong_to_one_vu()
    {
        var runner = Runner("""
                  - get: /login?u=${vu}
                  - get: /me
                    check: { bodyContains: "s-" }
            """);
        var first = Vu(1);
        await Run(runner, first);
        var second = Runner("      - get: /me\n        check: { bodyContains: \"anonymous\" }");
        await Run(second, Vu(2));
        Assert.All(_sink.Checks, c => Assert.True(c.Passed));
        Assert.NotNull(first.Cookies);
    }

    [Fact]
    public async Task The_step_timeout_counts_a_timeout_quickly()
    {
        var runner = Runner("      - get: /slow/5000\n        timeout: 200ms");
        var watch = Stopwatch.StartNew();
        await Run(runner, Vu());
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");
        var request = Assert.Single(_sink.Requests);
        Assert.Equal(TransportError.Timeout, request.Error);
        Assert.True(request.Failed);
    }

    [Fact]
    public async Task A_refused_connection_is_counted_not_thrown()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var runner = Runner("      - get: /x\n        check: { status: 200 }", baseUrl: $"http://127.0.0.1:{port}");
        Assert.Equal(IterationOutcome.Completed, await Run(runner, Vu()));
        Assert.Equal(TransportError.ConnectionRefused, Assert.Single(_sink.Requests).Error);
        Assert.False(Assert.Single(_sink.Checks).Passed);
    }

    [Fact]
    public async Task A_server_that_aborts_the_connection_is_a_reset()
    {
        await Run(Runner("      - get: /abort"), Vu());
        var request = Assert.Single(_sink.Requests);
        Assert.Contains(request.Error, new[] { TransportError.ConnectionReset, TransportError.Protocol });
        Assert.True(request.Failed);
    }

    [Fact]
    public async Task A_garbage_response_is_a_protocol_error()
    {
        using var garbage = new GarbageServer();
        await Run(Runner("      - get: /x", baseUrl: garbage.BaseUrl), Vu());
        var request = Assert.Single(_sink.Requests);
        Assert.Contains(request.Error, new[] { TransportError.Protocol, TransportError.ConnectionReset });
        Assert.True(request.Failed);
    }

    [Fact]
    public async Task Cancellation_ends_think_time_and_in_flight_requests_without_a_sample()
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var watch = Stopwatch.StartNew();
        var outcome = await Run(Runner("      - get: /slow/10000"), Vu(), cancellation: cancel.Token);
        Assert.Equal(IterationOutcome.Cancelled, outcome);
        Assert.Empty(_sink.Requests);
        Assert.Empty(_sink.Iterations);

        using var cancelThink = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        Assert.Equal(IterationOutcome.Cancelled, await Run(Runner("      - think: 1m"), Vu(), cancellation: cancelThink.Token));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task The_first_request_counts_from_the_scheduled_start()
    {
        var scheduled = Stopwatch.GetTimestamp() - Stopwatch.Frequency / 5; // 200 ms ago
        await Run(Runner("      - get: /ok\n      - get: /ok"), Vu(), scheduled);
        var requests = _sink.Requests.ToArray();
        Assert.True(requests[0].Micros >= 200_000, $"first: {requests[0].Micros} µs");
        Assert.True(requests[1].Micros < 200_000, $"second: {requests[1].Micros} µs");
        Assert.True(Assert.Single(_sink.Iterations) >= 200_000);
    }

    [Fact]
    public async Task Think_time_waits_between_min_and_max()
    {
        var watch = Stopwatch.StartNew();
        await Run(Runner("      - think: 100ms..200ms"), Vu());
        Assert.InRange(watch.Elapsed.TotalMilliseconds, 95, 2000);
    }

    [Fact]
    public async Task Each_iteration_takes_the_next_feeder_row_and_an_exhausted_unique_feeder_stops_the_vu()
    {
        var table = new FeederTable("users", ["name"], [["ada"], ["alan"]], FeederPick.Unique);
        var feeders = new Dictionary<string, Feeder> { ["users"] = new(table) };
        var runner = Runner("      - get: /whoami\n        headers: { X-User: \"${users.name}\" }\n        check: { bodyContains: \"a\" }",
            feeders: feeders, data: "data:\n  users: { csv: users.csv, pick: unique }");
        var vu = Vu();
        Assert.Equal(IterationOutcome.Completed, await Run(runner, vu));
        Assert.Equal(IterationOutcome.Completed, await Run(runner, vu));
        Assert.Equal(IterationOutcome.FeederExhausted, await Run(runner, vu));
        Assert.Equal(2, _sink.Requests.Count);
    }
}
