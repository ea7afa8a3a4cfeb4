using LoadGrid.Core.Metrics;
using static LoadGrid.Core.Tests.Metrics.MetricsTestData;

namespace LoadGrid.Core.Tests.Metrics;

public sealed class RunResultJsonTests
{
    [Fact]
    public void A_result_survives_the_round_trip_field_for_field()
    {
        var aggregator = new RunAggregator("run-1", "shop", ["eu", "us"]);
        aggregator.Add(new IntervalSource("1", "browse", "eu", "node-a"), 0, Snapshot(Enumerable.Range(1, 500).Select(i => i * 37L), step: "home", failedEvery: 7, vus: 3));
        aggregator.Add(new IntervalSource("2", "browse", "us", "node-b"), 1, Snapshot([123_456, 7], step: "cart", vus: 2));
        aggregator.FinishSeries();
        var thresholds = new[] { new ThresholdResult("http_req_duration{step:home}", "p(95)<500", 17.3333333333, true, false) };
        var summary = aggregator.BuildSummary(RunStatus.Failed, DateTimeOffset.Parse("2026-11-24T10:00:00.123Z"), 2.0001, thresholds, ["a warning"]);
        var result = new RunResult(summary, aggregator.Series, new Dictionary<string, IReadOnlyList<SeriesPoint>> { ["eu"] = aggregator.RegionSeries("eu"), ["us"] = aggregator.RegionSeries("us") });

        var json = RunResultJson.Serialize(result);
        var back = RunResultJson.Deserialize(json);

        Assert.Equal(json, RunResultJson.Serialize(back));
        Assert.Equal(RunStatus.Failed, back.Summary.Status);
        Assert.Equal(summary.Totals.LatencyMs, back.Summary.Totals.LatencyMs);
        Assert.Equal(summary.Steps["home"].StatusCodes, back.Summary.Steps["home"].StatusCodes);
        Assert.Equal(summary.Nodes, back.Summary.Nodes);
        Assert.Equal(summary.Thresholds, back.Summary.Thresholds);
        Assert.Equal(summary.StartedAt, back.Summary.StartedAt);
        Assert.Equal(result.Series, back.Series);
        Assert.Equal(result.RegionSeries["us"], back.RegionSeries["us"]);
        Assert.Contains("\"status\":\"failed\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Progress_survives_the_round_trip()
    {
        var progress = new RunProgress("r", "n", TimeSpan.FromMilliseconds(12_345), TimeSpan.FromSeconds(60), 12, 99.5, double.NaN, 0.01, 1000, 10, 400,
            [new ScenarioProgress("browse", 0.25, 12, 400, "running")], [new RegionProgress("eu", 12, 99.5, 3.25, 0.01)]);
        var back = RunResultJson.DeserializeProgress(RunResultJson.SerializeProgress(progress));
        Assert.Equal(progress.Elapsed, back.Elapsed);
        Assert.True(double.IsNaN(back.P95Ms));
        Assert.Equal(progress.Scenarios, back.Scenarios);
        Assert.Equal(progress.Regions, back.Regions);
    }
}
