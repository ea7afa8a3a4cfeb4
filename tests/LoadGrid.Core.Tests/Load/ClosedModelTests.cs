using LoadGrid.Core.Load;
using LoadGrid.Core.Scenarios;
using static LoadGrid.Core.Tests.Load.LoadTestScenarios;

namespace LoadGrid.Core.Tests.Load;

public sealed class ClosedModelTests
{
    private static readonly ScenarioDefinition Constant = Make(ExecutorKind.ConstantVus, vus: 10, durationSeconds: 30);
    private static readonly ScenarioDefinition Ramp = Make(ExecutorKind.RampingVus, startVus: 2, stages: [(10, 12), (10, 12), (5, 0)]);
    private static readonly ScenarioDefinition PerVu = Make(ExecutorKind.PerVuIterations, vus: 4, iterations: 5);
    private static readonly ScenarioDefinition Shared = Make(ExecutorKind.SharedIterations, vus: 3, iterations: 100, durationSeconds: 60);

    public static IEnumerable<object[]> Cases() =>
    [
        [Constant, -1.0, 0], [Constant, 0.0, 10], [Constant, 29.9, 10], [Constant, 30.0, 0],
        [Ramp, 0.0, 2], [Ramp, 0.99, 2], [Ramp, 1.0, 3], [Ramp, 5.0, 7], [Ramp, 9.99, 11], [Ramp, 10.0, 12],
        [Ramp, 19.0, 12], [Ramp, 20.0, 12], [Ramp, 22.5, 6], [Ramp, 24.99, 0], [Ramp, 25.0, 0],
        [PerVu, 0.0, 4], [PerVu, 599.0, 4], [PerVu, 600.0, 0],
        [Shared, 59.0, 3], [Shared, 60.0, 0],
    ];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Vus_over_time(ScenarioDefinition scenario, double seconds, int expected) =>
        Assert.Equal(expected, ClosedModel.VusAt(scenario, TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Durations_follow_the_executor()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), ScenarioTimeline.ActiveDuration(Constant));
        Assert.Equal(TimeSpan.FromSeconds(25), ScenarioTimeline.ActiveDuration(Ramp));
        Assert.Equal(ScenarioDefinition.DefaultMaxDuration, ScenarioTimeline.ActiveDuration(PerVu));
        Assert.Equal(TimeSpan.FromSeconds(60), ScenarioTimeline.ActiveDuration(Shared));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(7)]
    public void Segment_vus_add_up_to_the_scenario_at_every_instant(int shards)
    {
        var segments = Enumerable.Range(0, shards).Select(i => new Segment(new Fraction(i, shards), new Fraction(i + 1, shards))).ToArray();
        for (var t = 0.0; t < 26; t += 0.25)
        {
            var at = TimeSpan.FromSeconds(t);
            Assert.Equal(ClosedModel.VusAt(Ramp, at), segments.Sum(s => ClosedModel.SegmentVusAt(Ramp, s, at)));
        }
    }

    [Fact]
    public void Shared_iterations_split_exactly()
    {
        var segments = new[] { new Segment(Fraction.Zero, new Fraction(1, 3)), new Segment(new Fraction(1, 3), Fraction.One) };
        Assert.Equal([33L, 67L], segments.Select(s => ClosedModel.SegmentSharedIterations(Shared, s)));
    }
}
