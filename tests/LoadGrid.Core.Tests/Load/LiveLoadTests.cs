using LoadGrid.Core.Load;
using LoadGrid.Core.Scenarios;
using static LoadGrid.Core.Tests.Load.LoadTestScenarios;

namespace LoadGrid.Core.Tests.Load;

public sealed class LiveLoadTests
{
    private static Segment[] Equal(int shards) =>
        Enumerable.Range(0, shards).Select(i => new Segment(new Fraction(i, shards), new Fraction(i + 1, shards))).ToArray();

    /// <summary>Takes everything due by <paramref name="until"/>, applying each change when the clock passes 0.5 s before it (as the coordinator's lead does).</summary>
    private static List<long> Run(ScenarioDefinition s, IReadOnlyList<Segment> segments, int index, double until, params LoadChange[] changes)
    {
        var schedule = new ArrivalSchedule(s, segments, index);
        var due = new List<long>();
        var buffer = new long[64];
        var applied = new List<LoadChange>();
        for (var t = 0.0; t <= until; t += 0.01)
        {
            foreach (var change in changes.Where(c => c.AtRunSeconds - 0.5 <= t && !applied.Contains(c)))
            {
                applied.Add(change);
                schedule.Apply(new LoadFactors(applied.ToArray()));
            }
            int n;
            while ((n = schedule.TakeDue(TimeSpan.FromSeconds(t), buffer)) > 0) due.AddRange(buffer.AsSpan(0, n).ToArray());
        }
        return due;
    }

    private static int Between(IEnumerable<long> ticks, double from, double to) =>
        ticks.Count(t => t >= from * TimeSpan.TicksPerSecond && t < to * TimeSpan.TicksPerSecond);

    [Fact]
    public void Scaling_an_arrival_rate_changes_the_rate_from_the_change_on()
    {
        var scenario = Make(ExecutorKind.ConstantArrivalRate, rate: 100, durationSeconds: 10);
        var due = Run(scenario, [Segment.Whole], 0, 12, new LoadChange(4, 2.0));

        Assert.Equal(400, Between(due, 0, 4));
        Assert.Equal(1200, Between(due, 4, 10));
        Assert.Equal(1600, due.Count);
        Assert.True(due.SequenceEqual(due.Order()), "iterations come in time order");
    }

    [Fact]
    public void A_pause_starts_nothing_and_resume_goes_back_to_the_rate()
    {
        var scenario = Make(ExecutorKind.ConstantArrivalRate, rate: 50, durationSeconds: 10);
        var due = Run(scenario, [Segment.Whole], 0, 12, new LoadChange(2, 0), new LoadChange(5, 1));

        Assert.Equal(100, Between(due, 0, 2));
        Assert.Equal(0, Between(due, 2, 5));
        Assert.Equal(250, Between(due, 5, 10));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Shards_still_partition_the_iterations_exactly_through_live_changes(int shards)
    {
        var scenario = Make(ExecutorKind.RampingArrivalRate, startRate: 10, stages: [(5, 200), (5, 50)]);
        var changes = new[] { new LoadChange(2, 1.5), new LoadChange(4, 0), new LoadChange(6, 1.5), new LoadChange(8, 0.5) };
        var whole = Run(scenario, [Segment.Whole], 0, 12, changes);
        var parts = Enumerable.Range(0, shards).SelectMany(i => Run(scenario, Equal(shards), i, 12, changes)).Order().ToList();

        Assert.Equal(whole, parts);
        Assert.Equal(0, Between(whole, 4, 6));
    }

    [Fact]
    public void The_scaled_curve_counts_and_inverts_consistently()
    {
        var scenario = Make(ExecutorKind.RampingArrivalRate, startRate: 0, stages: [(10, 100)]);
        var curve = new ScaledRateCurve(new RateCurve(scenario), new LoadFactors([new LoadChange(3, 2), new LoadChange(6, 0), new LoadChange(7, 0.5)]), 0);

        foreach (var j in new[] { 1.0, 40, 100, 200, 350, 420 })
        {
            var t = curve.TimeOf(j);
            Assert.NotNull(t);
            Assert.Equal(j, curve.CountBy(t!.Value), 6);
            Assert.False(t > 6 && t < 7, $"iteration {j} at {t} falls in the pause");
        }
        Assert.Null(curve.TimeOf(curve.CountBy(10) + 1));
    }

    [Fact]
    public void Closed_model_VUs_follow_the_factor_and_still_add_up()
    {
        var scenario = Make(ExecutorKind.ConstantVus, vus: 10, durationSeconds: 10);
        var segments = Equal(3);
        Assert.Equal(15, segments.Sum(seg => ClosedModel.SegmentVusAt(scenario, seg, TimeSpan.FromSeconds(1), 1.5)));
        Assert.Equal(0, segments.Sum(seg => ClosedModel.SegmentVusAt(scenario, seg, TimeSpan.FromSeconds(1), 0)));
        Assert.Equal(3, segments.Sum(seg => ClosedModel.SegmentVusAt(scenario, seg, TimeSpan.FromSeconds(1), 0.35)));
    }

    private static ScenarioFile File(params ScenarioDefinition[] scenarios) =>
        new("f", "http://127.0.0.1:1", [new RegionWeight("us", 3), new RegionWeight("eu", 1)], [], scenarios, [], "f.yaml", "");

    [Fact]
    public void Scale_pause_and_resume_decide_per_scenario_and_region()
    {
        var open = Make(ExecutorKind.ConstantArrivalRate, rate: 100, durationSeconds: 60) with { Name = "open" };
        var closed = Make(ExecutorKind.ConstantVus, vus: 20, durationSeconds: 60) with { Name = "closed" };
        var file = File(open, closed);
        var factors = new Dictionary<LoadTarget, LoadFactors>();

        var scaled = LiveLoadControl.Decide(file, factors, new LoadRequest(LoadAction.Scale, Factor: 1.5), 10, 10.5);
        Assert.Equal(4, scaled.Changed.Count);
        Assert.All(scaled.Changed.Values, f => Assert.Equal(1.5, f.FactorAt(11)));
        Assert.All(scaled.Changed.Values, f => Assert.Equal(1.0, f.FactorAt(10.4)));
        foreach (var (k, v) in scaled.Changed) factors[k] = v;

        var rate = LiveLoadControl.Decide(file, factors, new LoadRequest(LoadAction.Scale, Rate: 50), 11, 11.5);
        Assert.Equal([new LoadTarget("open", "us"), new LoadTarget("open", "eu")], rate.Changed.Keys.ToArray());
        Assert.Equal(0.5, rate.Changed[new LoadTarget("open", "us")].FactorAt(12), 9);
        Assert.Contains("closed unchanged", rate.Description);

        // 20 VUs planned, us has 3/4 of them: 30 VUs there means ×2.
        var vus = LiveLoadControl.Decide(file, factors, new LoadRequest(LoadAction.Scale, Vus: 30, Region: "us"), 11, 11.5);
        Assert.Equal(2.0, vus.Changed.Single().Value.FactorAt(12), 9);

        var paused = LiveLoadControl.Decide(file, factors, new LoadRequest(LoadAction.Pause, Region: "eu"), 12, 12.5);
        Assert.All(paused.Changed.Values, f => Assert.Equal(0, f.FactorAt(13)));
        foreach (var (k, v) in paused.Changed) factors[k] = v;

        var error = Assert.Throws<LoadControlException>(() => LiveLoadControl.Decide(file, factors, new LoadRequest(LoadAction.Scale, Factor: 2, Region: "eu"), 13, 13.5));
        Assert.Contains("paused", error.Message);
        Assert.Throws<LoadControlException>(() => LiveLoadControl.Decide(file, factors, new LoadRequest(LoadAction.Pause, Region: "eu"), 13, 13.5));

        var resumed = LiveLoadControl.Decide(file, factors, new LoadRequest(LoadAction.Resume), 14, 14.5);
        Assert.Equal(1.5, resumed.Changed[new LoadTarget("open", "eu")].FactorAt(15));
        Assert.Equal(1.5, resumed.Changed[new LoadTarget("open", "us")].FactorAt(15));
    }

    [Theory]
    [InlineData("nowhere", null, null, "no region 'nowhere'")]
    [InlineData(null, 0.0, null, "above 0")]
    [InlineData(null, 50.0, null, "20×")]
    [InlineData(null, 2.0, 10, "exactly one")]
    public void Bad_requests_are_refused_with_the_reason(string? region, double? factor, int? vus, string expected)
    {
        var file = File(Make(ExecutorKind.ConstantVus, vus: 20, durationSeconds: 60));
        var e = Assert.Throws<LoadControlException>(() =>
            LiveLoadControl.Decide(file, new Dictionary<LoadTarget, LoadFactors>(), new LoadRequest(LoadAction.Scale, factor, vus, null, region), 1, 1.5));
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Iteration_executors_cannot_be_scaled()
    {
        var file = File(Make(ExecutorKind.PerVuIterations, vus: 2, iterations: 10));
        var e = Assert.Throws<LoadControlException>(() =>
            LiveLoadControl.Decide(file, new Dictionary<LoadTarget, LoadFactors>(), new LoadRequest(LoadAction.Pause), 1, 1.5));
        Assert.Contains("fixed", e.Message);
    }
}
