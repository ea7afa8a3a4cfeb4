using System.Diagnostics;
using System.Text.RegularExpressions;
using LoadGrid.Http.Lean;
using LoadGrid.Http.Tests.Infrastructure;
using static LoadGrid.Http.Tests.Infrastructure.Flows;

namespace LoadGrid.Http.Tests;

/// <summary>
/// Sampled iterations send the W3C traceparent of their request span in both transports; unsampled ones, and every
/// request with tracing off, send none.
/// </summary>
[Collection(TargetServerCollection.Name)]
public sealed partial class TraceContextTests(TargetServer server)
{
    public static TheoryData<string> Transports => new() { "sockets", "lean" };

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task A_traced_iteration_sends_each_request_its_own_span_of_one_trace(string transportName)
    {
        using var transport = (IDisposable)TransportSelection.Create(transportName);
        var runner = TracedRunner((IHttpTransport)transport, IterationTracing.For(1));
        var vu = runner.CreateVirtualUser(1);

        Assert.Equal(IterationOutcome.Completed, await runner.RunIterationAsync(vu, 0, CancellationToken.None));

        Assert.True(vu.TryGet("first", out var first));
        Assert.True(vu.TryGet("second", out var second));
        var a = TraceParent().Match(first);
        var b = TraceParent().Match(second);
        Assert.True(a.Success, $"not a valid traceparent: '{first}'");
        Assert.True(b.Success, $"not a valid traceparent: '{second}'");
        Assert.Equal(a.Groups["trace"].Value, b.Groups["trace"].Value);
        Assert.NotEqual(a.Groups["span"].Value, b.Groups["span"].Value);
        Assert.Equal("01", a.Groups["flags"].Value);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task Each_traced_iteration_is_a_trace_of_its_own(string transportName)
    {
        using var transport = (IDisposable)TransportSelection.Create(transportName);
        var runner = TracedRunner((IHttpTransport)transport, IterationTracing.For(1));
        var vu = runner.CreateVirtualUser(1);

        await runner.RunIterationAsync(vu, 0, CancellationToken.None);
        Assert.True(vu.TryGet("first", out var once));
        await runner.RunIterationAsync(vu, 0, CancellationToken.None);
        Assert.True(vu.TryGet("first", out var twice));

        Assert.NotEqual(TraceParent().Match(once).Groups["trace"].Value, TraceParent().Match(twice).Groups["trace"].Value);
    }

    [Theory]
    [MemberData(nameof(Transports))]
    public async Task With_tracing_off_no_traceparent_is_sent(string transportName)
    {
        using var transport = (IDisposable)TransportSelection.Create(transportName);
        var runner = TracedRunner((IHttpTransport)transport, IterationTracing.For(0));
        var vu = runner.CreateVirtualUser(1);

        await runner.RunIterationAsync(vu, 0, CancellationToken.None);

        Assert.True(vu.TryGet("first", out var first));
        Assert.Equal("none", first);
    }

    [Fact]
    public void Off_means_no_tracing_object_and_a_ratio_outside_0_to_1_is_refused()
    {
        Assert.Null(IterationTracing.For(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => IterationTracing.For(1.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => IterationTracing.For(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => IterationTracing.For(double.NaN));
    }

    [Fact]
    public void A_ratio_traces_about_that_share_of_iterations()
    {
        var tracing = IterationTracing.For(0.1)!;
        var vu = new VirtualUserState(1, "browse", "eu-west", new Dictionary<string, string>());
        var traced = 0;
        const int iterations = 20_000;
        for (var i = 0; i < iterations; i++)
        {
            using var activity = tracing.StartIteration(vu);
            if (activity is not null) traced++;
        }
        // Binomial(20000, 0.1): σ ≈ 42, so ±400 is more than 9 σ.
        Assert.InRange(traced, 1_600, 2_400);
    }

    private FlowRunner TracedRunner(IHttpTransport transport, IterationTracing? tracing)
    {
        var (file, scenario) = Scenario(server.BaseUrl,
            Get("/traceparent", name: "first", extract: [ExtractRegex("first", ".+")]),
            Get("/traceparent", name: "second", extract: [ExtractRegex("second", ".+")]));
        return new FlowRunner(file, scenario, "eu-west", transport, new RecordingSink(), new Dictionary<string, string>(),
            new Dictionary<string, LoadGrid.Core.Data.Feeder>(), tracing);
    }

    [GeneratedRegex("^00-(?<trace>[0-9a-f]{32})-(?<span>[0-9a-f]{16})-(?<flags>0[01])$")]
    private static partial Regex TraceParent();
}
