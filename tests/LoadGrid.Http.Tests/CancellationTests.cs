using System.Diagnostics;
using LoadGrid.Http.Tests.Infrastructure;
using static LoadGrid.Http.Tests.Infrastructure.Flows;

namespace LoadGrid.Http.Tests;

[Collection(TargetServerCollection.Name)]
public sealed class CancellationTests(TargetServer server)
{
    private readonly RecordingSink _sink = new();

    [Fact]
    public async Task Cancellation_ends_a_think_time_at_once()
    {
        var runner = Runner(server.BaseUrl, server.Transport, _sink, [Get("/ok"), Think(TimeSpan.FromSeconds(30)), Get("/ok")]);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var clock = Stopwatch.StartNew();

        var outcome = await runner.RunIterationAsync(runner.CreateVirtualUser(1), 0, cancellation.Token).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(IterationOutcome.Cancelled, outcome);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(10));
        Assert.Single(_sink.Requests);
        Assert.Empty(_sink.Iterations);
    }

    [Fact]
    public async Task Cancellation_mid_request_returns_cancelled_and_records_no_sample()
    {
        server.ResetSlowSignal();
        var runner = Runner(server.BaseUrl, server.Transport, _sink, [Get("/slow", timeout: TimeSpan.FromSeconds(30), checks: [Status(200)])]);
        using var cancellation = new CancellationTokenSource();

        var running = runner.RunIterationAsync(runner.CreateVirtualUser(1), 0, cancellation.Token);
        await server.SlowRequestArrived.WaitAsync(TimeSpan.FromSeconds(10));
        await cancellation.CancelAsync();
        var outcome = await running.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(IterationOutcome.Cancelled, outcome);
        Assert.Empty(_sink.Requests);
        Assert.Empty(_sink.Checks);
        Assert.Empty(_sink.Iterations);
    }

    [Fact]
    public async Task An_already_cancelled_run_starts_nothing()
    {
        var runner = Runner(server.BaseUrl, server.Transport, _sink, [Get("/ok")]);

        var outcome = await runner.RunIterationAsync(runner.CreateVirtualUser(1), 0, new CancellationToken(canceled: true));

        Assert.Equal(IterationOutcome.Cancelled, outcome);
        Assert.Empty(_sink.Requests);
    }

    [Fact]
    public async Task A_think_time_pauses_for_a_duration_in_its_range()
    {
        var runner = Runner(server.BaseUrl, server.Transport, _sink, [Think(TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(150))]);

        var outcome = await runner.RunIterationAsync(runner.CreateVirtualUser(1), 0, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(IterationOutcome.Completed, outcome);
        // Task.Delay never fires early (timer granularity may make it a little late).
        Assert.True(_sink.Iterations.Single() >= 99_000, $"iteration took {_sink.Iterations.Single()} µs");
    }
}
