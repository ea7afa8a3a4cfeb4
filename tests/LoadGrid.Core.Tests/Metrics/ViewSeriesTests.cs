using LoadGrid.Core.Metrics;
using LoadGrid.Core.Scenarios;
using static LoadGrid.Core.Tests.Metrics.MetricsTestData;

namespace LoadGrid.Core.Tests.Metrics;

/// <summary>The per-step and per-scenario series kept for the report's views, and the plan's stage markers.</summary>
public sealed class ViewSeriesTests
{
    [Fact]
    public void Each_step_and_scenario_has_its_own_requests_per_second()
    {
        var aggregator = new RunAggregator("run-1", "shop", ["eu"]);
        aggregator.Add(new IntervalSource("1", "browse", "eu", "node-a"), 0, Snapshot([1000, 2000, 3000], step: "home"));
        aggregator.Add(new IntervalSource("2", "buy", "eu", "node-a"), 0, Snapshot([5000], step: "cart"));
        aggregator.Add(new IntervalSource("1", "browse", "eu", "node-a"), 1, Snapshot([1000], step: "home"));
        aggregator.FinishSeries();

        Assert.Equal(["cart", "home"], aggregator.StepSeries.Keys);
        Assert.Equal([3L, 1L], aggregator.StepSeries["home"].Select(p => p.Requests));
        Assert.Equal([1L], aggregator.StepSeries["cart"].Select(p => p.Requests));
        Assert.Equal(5.0, aggregator.StepSeries["cart"][0].P50Ms, 1);
        Assert.Equal(["browse", "buy"], aggregator.ScenarioSeries.Keys);
        Assert.Equal([3L, 1L], aggregator.ScenarioSeries["browse"].Select(p => p.Requests));
        Assert.Equal([4L, 1L], aggregator.Series.Select(p => p.Requests));
    }

    [Fact]
    public void Views_and_events_survive_the_journal_round_trip()
    {
        var aggregator = new RunAggregator("run-1", "shop", ["eu"]);
        aggregator.Add(new IntervalSource("1", "browse", "eu", "node-a"), 0, Snapshot([1000, 2000], step: "home"));
        var summary = aggregator.BuildSummary(RunStatus.Passed, DateTimeOffset.Parse("2026-11-24T10:00:00Z"), 1, [], []);
        var result = new RunResult(summary, aggregator.Series, new Dictionary<string, IReadOnlyList<SeriesPoint>>(),
            aggregator.StepSeries, aggregator.ScenarioSeries, [new RunMarker(0.5, "scale", "×2")]);

        var back = RunResultJson.Deserialize(RunResultJson.Serialize(result));

        Assert.Equal(result.StepSeries!["home"], back.StepSeries!["home"]);
        Assert.Equal(result.ScenarioSeries!["browse"], back.ScenarioSeries!["browse"]);
        Assert.Equal(result.Events, back.Events);
    }

    [Fact]
    public void A_result_stored_before_views_existed_reads_with_none()
    {
        var old = """{"summary":null,"series":[],"regionSeries":{}}""";
        var back = RunResultJson.Deserialize(old);
        Assert.Null(back.StepSeries);
        Assert.Null(back.Events);
    }

    [Fact]
    public void Stage_markers_are_where_each_ramp_stage_and_each_delayed_scenario_starts()
    {
        var file = ScenarioLoader.Parse("""
            name: m
            baseUrl: http://127.0.0.1:1
            scenarios:
              ramp:
                executor: ramping-vus
                startTime: 2s
                stages: [ { duration: 5s, target: 10 }, { duration: 3s, target: 0 } ]
                flow: [ { get: /a } ]
              late:
                executor: constant-vus
                vus: 1
                duration: 1s
                startTime: 4s
                flow: [ { get: /a } ]
            """, "m.yaml", new Dictionary<string, string>(), checkFiles: false).Scenario!;

        Assert.Equal([(2.0, "ramp: stage 1/2 to 10 over 5s"), (7.0, "ramp: stage 2/2 to 0 over 3s"), (4.0, "late starts")],
            StageMarkers.Of(file).Select(m => (m.Second, m.Text)));
    }
}
