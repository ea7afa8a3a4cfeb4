using LoadGrid.Core.Load;
using LoadGrid.Core.Scenarios;
using static LoadGrid.Core.Tests.Load.LoadTestScenarios;

namespace LoadGrid.Core.Tests.Load;

public sealed class ArrivalScheduleTests
{
    private static long[] All(ScenarioDefinition s, IReadOnlyList<Segment> segments, int index, TimeSpan until)
    {
        var schedule = new ArrivalSchedule(s, segments, index);
        var result = new List<long>();
        var buffer = new long[97];
        int n;
        while ((n = schedule.TakeDue(until, buffer)) > 0) result.AddRange(buffer.AsSpan(0, n).ToArray());
        return result.ToArray();
    }

    private static Segment[] Equal(int shards) =>
        Enumerable.Range(0, shards).Select(i => new Segment(new Fraction(i, shards), new Fraction(i + 1, shards))).ToArray();

    [Theory]
    [InlineData(10, 1, 5, 50)]
    [InlineData(0.1, 1, 60, 6)]
    [InlineData(0.5, 1, 10, 5)]
    [InlineData(50_000, 1, 2, 100_000)]
    [InlineData(120, 60, 30, 60)]
    public void Constant_rates_schedule_exactly(double rate, double timeUnit, double seconds, int expected)
    {
        var scenario = Make(ExecutorKind.ConstantArrivalRate, rate: rate, timeUnitSeconds: timeUnit, durationSeconds: seconds);
        var offsets = All(scenario, [Segment.Whole], 0, TimeSpan.FromHours(1));

        Assert.Equal(expected, offsets.Length);
        var perSecond = rate / timeUnit;
        for (var j = 0; j < offsets.Length; j += Math.Max(1, offsets.Length / 50))
            Assert.InRange(offsets[j], (long)(j / perSecond * TimeSpan.TicksPerSecond) - 1, (long)(j / perSecond * TimeSpan.TicksPerSecond) + 1);
    }

    [Fact]
    public void Only_iterations_due_by_now_are_handed_out()
    {
        var schedule = new ArrivalSchedule(Make(ExecutorKind.ConstantArrivalRate, rate: 10, durationSeconds: 10), [Segment.Whole], 0);
        var buffer = new long[100];
        Assert.Equal(1, schedule.TakeDue(TimeSpan.Zero, buffer));                    // iteration 0 at t = 0
        Assert.Equal(10, schedule.TakeDue(TimeSpan.FromSeconds(1), buffer));         // 0.1 s … 1.0 s
        Assert.Equal(0, schedule.TakeDue(TimeSpan.FromSeconds(1.05), buffer));
        Assert.Equal(TimeSpan.FromSeconds(1.1), schedule.NextDueAt);
        Assert.Equal(11, schedule.Taken);
    }

    [Fact]
    public void A_resumed_segment_starts_at_the_resume_time_with_the_same_iterations_as_the_original()
    {
        var scenario = Make(ExecutorKind.ConstantArrivalRate, rate: 30, durationSeconds: 10);
        var segments = Equal(3);
        var original = All(scenario, segments, 1, TimeSpan.FromHours(1));

        var resumed = new ArrivalSchedule(scenario, segments, 1);
        var skipped = resumed.SkipUntil(TimeSpan.FromSeconds(4.5));
        var buffer = new long[1000];
        var rest = resumed.TakeDue(TimeSpan.FromHours(1), buffer);

        Assert.Equal(original.Count(t => t < TimeSpan.FromSeconds(4.5).Ticks), skipped);
        Assert.Equal(original.Where(t => t >= TimeSpan.FromSeconds(4.5).Ticks), buffer.AsSpan(0, rest).ToArray());
        Assert.Equal(0, resumed.Taken - rest);
    }

    [Fact]
    public void A_ramp_from_zero_follows_the_integral_of_the_rate()
    {
        var ramp = Make(ExecutorKind.RampingArrivalRate, startRate: 0, stages: [(10, 100)]);
        Assert.Equal(500, ArrivalSchedule.IterationsBy(ramp, TimeSpan.FromSeconds(10)), 6);
        Assert.Equal(125, ArrivalSchedule.IterationsBy(ramp, TimeSpan.FromSeconds(5)), 6);
        var offsets = All(ramp, [Segment.Whole], 0, TimeSpan.FromHours(1));
        Assert.Equal(500, offsets.Length);
        // N(t) = 5t², so iteration j is due at √(j/5) s.
        foreach (var j in new[] { 0, 1, 20, 125, 499 })
            Assert.InRange(offsets[j] / (double)TimeSpan.TicksPerSecond, Math.Sqrt(j / 5.0) - 1e-6, Math.Sqrt(j / 5.0) + 1e-6);
    }

    [Fact]
    public void Ramps_down_to_zero_and_zero_rate_stretches_start_nothing()
    {
        var ramp = Make(ExecutorKind.RampingArrivalRate, startRate: 20, stages: [(5, 20), (5, 0), (5, 0), (5, 10)]);
        Assert.Equal(100 + 50 + 0 + 25, ArrivalSchedule.IterationsBy(ramp, TimeSpan.FromSeconds(20)), 6);
        var offsets = All(ramp, [Segment.Whole], 0, TimeSpan.FromHours(1));
        Assert.Equal(175, offsets.Length);
        Assert.DoesNotContain(offsets, o => o > TimeSpan.FromSeconds(10.001).Ticks && o < TimeSpan.FromSeconds(15).Ticks);
    }

    public static IEnumerable<object[]> SegmentSets() =>
    [
        [Equal(1)], [Equal(2)], [Equal(3)], [Equal(7)],
        [new[] { new Segment(Fraction.Zero, new Fraction(3, 8)), new Segment(new Fraction(3, 8), new Fraction(3, 4)), new Segment(new Fraction(3, 4), Fraction.One) }],
        [new[] { new Segment(Fraction.Zero, new Fraction(1, 10)), new Segment(new Fraction(1, 10), Fraction.One) }],
    ];

    [Theory]
    [MemberData(nameof(SegmentSets))]
    public void Segments_partition_the_iterations_and_stay_within_one_of_their_share(Segment[] segments)
    {
        var scenario = Make(ExecutorKind.RampingArrivalRate, startRate: 3, stages: [(7, 180), (5, 40)]);
        var whole = All(scenario, [Segment.Whole], 0, TimeSpan.FromHours(1));
        var parts = segments.Select((_, i) => All(scenario, segments, i, TimeSpan.FromHours(1))).ToArray();

        Assert.Equal(whole, parts.SelectMany(p => p).Order().ToArray());
        foreach (var instant in whole.Where((_, j) => j % 7 == 0))
        {
            var globalDue = whole.Count(o => o <= instant);
            for (var k = 0; k < segments.Length; k++)
            {
                var own = parts[k].Count(o => o <= instant);
                var exact = globalDue * segments[k].Length.ToDouble();
                Assert.True(Math.Abs(own - exact) <= 1.0 + 1e-9, $"segment {k}: {own} due vs exact share {exact:0.###} of {globalDue}");
            }
        }
    }
}
