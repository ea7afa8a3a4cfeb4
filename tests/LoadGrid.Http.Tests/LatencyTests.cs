using System.Diagnostics;
using LoadGrid.Http.Tests.Infrastructure;
using static LoadGrid.Http.Tests.Infrastructure.Flows;

namespace LoadGrid.Http.Tests;

[Collection(TargetServerCollection.Name)]
public sealed class LatencyTests(TargetServer server)
{
    [Fact]
    public async Task The_first_request_counts_from_the_scheduled_start_and_later_ones_from_their_own_send()
    {
        var sink = new RecordingSink();
        var runner = Runner(server.BaseUrl, server.Transport, sink, [Get("/ok"), Get("/ok")]);
        var scheduled = Stopwatch.GetTimestamp() - Stopwatch.Frequency / 5; // 200 ms ago: the generator fell behind

        await runner.RunIterationAsync(runner.CreateVirtualUser(1), scheduled, CancellationToken.None);

        var (first, second) = (sink.Requests[0].LatencyMicros, sink.Requests[1].LatencyMicros);
        Assert.True(first >= 200_000, $"first request {first} µs");
        Assert.True(second < first - 100_000, $"second request {second} µs, first {first} µs");
        Assert.True(sink.Iterations.Single() >= first, "the iteration also counts from the schedule");
    }

    [Fact]
    public async Task A_think_before_the_first_request_takes_the_schedule_debt_with_it()
    {
        var sink = new RecordingSink();
        var runner = Runner(server.BaseUrl, server.Transport, sink, [Think(TimeSpan.Zero), Get("/ok")]);
        var scheduled = Stopwatch.GetTimestamp() - Stopwatch.Frequency * 5; // 5 s ago

        await runner.RunIterationAsync(runner.CreateVirtualUser(1), scheduled, CancellationToken.None);

        Assert.True(sink.Requests.Single().LatencyMicros < 5_000_000);
        Assert.True(sink.Iterations.Single() >= 5_000_000);
    }
}
